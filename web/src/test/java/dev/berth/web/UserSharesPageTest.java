package dev.berth.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An administrator sets a user's fair-share shares on the Users page, against a real Berth with its
 * SQLite store: the page shows each user's shares in a field; a good value is stored and audited; a
 * bad one is shown again beside that user's field with why, and nothing is stored.
 */
class UserSharesPageTest {
  @TempDir Path dir;

  @Test
  void theUsersPageShowsAndSetsSharesWithTheErrorBesideTheField() {
    try (WebBerth b = WebBerth.withoutGpus(dir)) {
      b.http.postJson("/api/v1/users", "{\"username\":\"alice\",\"password\":\"alice-password-1\"}");
      String page = b.http.get("/admin/users").body();
      assertThat(page).contains("id=\"shares-alice\"", "name=\"shares\"", "value=\"1\"", ">Shares</th>");

      WebHttp.Response set = b.http.postForm("/admin/users/alice", Map.of("shares", "4"), Map.of());
      assertThat(set.status()).as(set.body()).isEqualTo(303);
      assertThat(URLDecoder.decode(set.header("Set-Cookie"), StandardCharsets.UTF_8)).contains("User alice changed.");
      assertThat(b.http.get("/api/v1/users/alice").body()).contains("\"shares\":4");
      assertThat(b.http.get("/admin/users").body()).contains("id=\"shares-alice\"").containsPattern(
          "id=\"shares-alice\"[^>]*value=\"4\"");
      assertThat(b.http.get("/api/v1/audit").body()).contains("shares: 1 → 4");

      for (String bad : new String[] {"0", "1000001", "many", "2.5", ""}) {
        WebHttp.Response refused = b.http.postForm("/admin/users/alice", Map.of("shares", bad), Map.of());
        assertThat(refused.status()).as("shares '%s'", bad).isEqualTo(422);
        assertThat(refused.body())
            .contains("id=\"shares-error-alice\"", "Shares must be a whole number from 1 to 1000000")
            .contains("aria-invalid=\"true\"", "aria-describedby=\"shares-error-alice\"")
            .containsPattern("id=\"shares-alice\"[^>]*value=\"" + bad.replace(".", "\\.") + "\"")
            .doesNotContain("id=\"users-error\"");
        assertThat(b.http.get("/api/v1/users/alice").body()).as("nothing stored").contains("\"shares\":4");
      }
    }
  }
}
