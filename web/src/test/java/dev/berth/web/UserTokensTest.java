package dev.berth.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's API tokens as an administrator manages them, against a real Berth with its SQLite store:
 * a new password revokes them all and says how many, and admins list and revoke any user's tokens
 * through the API and the Users pages, audited.
 */
class UserTokensTest {
  private static final String PASSWORD = "alice-password-1";
  @TempDir Path dir;

  /** Creates alice, signs her in with Basic credentials and makes her {@code count} tokens; returns their secrets. */
  private static String[] aliceWithTokens(WebBerth b, int count) {
    b.http.postJson("/api/v1/users", "{\"username\":\"alice\",\"password\":\"" + PASSWORD + "\"}");
    WebHttp alice = b.anonymous.as("alice", PASSWORD);
    String[] secrets = new String[count];
    for (int i = 0; i < count; i++) {
      WebHttp.Response created = alice.postJson("/api/v1/me/tokens", "{\"name\":\"laptop-" + i + "\"}");
      assertThat(created.status()).as(created.body()).isEqualTo(201);
      secrets[i] = field(created.body(), "token");
    }
    return secrets;
  }

  private static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
    assertThat(m.find()).as(json).isTrue();
    return m.group(1);
  }

  private static WebHttp.Response delete(WebBerth b, String path) {
    return b.http.send(HttpRequest.newBuilder(URI.create(b.base() + path)).header("Accept", "application/json").DELETE());
  }

  @Test
  void aNewPasswordRevokesEveryTokenOfTheUserAndTheAnswerSaysHowMany() {
    try (WebBerth b = WebBerth.withoutGpus(dir)) {
      String[] secrets = aliceWithTokens(b, 2);
      assertThat(b.anonymous.withToken(secrets[0]).get("/api/v1/me").status()).isEqualTo(200);

      WebHttp.Response unchanged = b.http.patch("/api/v1/users/alice", "{\"admin\":false}");
      assertThat(unchanged.body()).contains("\"tokensRevoked\":0");
      assertThat(b.anonymous.withToken(secrets[0]).get("/api/v1/me").status()).as("no password, no revocation").isEqualTo(200);

      WebHttp.Response reset = b.http.patch("/api/v1/users/alice", "{\"password\":\"a-new-password-2\"}");
      assertThat(reset.status()).isEqualTo(200);
      assertThat(reset.body()).contains("\"username\":\"alice\"", "\"tokensRevoked\":2");
      for (String secret : secrets) {
        assertThat(b.anonymous.withToken(secret).get("/api/v1/me").status()).isEqualTo(401);
      }
      assertThat(b.http.get("/api/v1/users/alice/tokens").body()).isEqualTo("{\"tokens\":[]}");
      assertThat(b.http.get("/api/v1/audit").body()).contains("password reset, 2 API tokens revoked");
    }
  }

  @Test
  void theUsersPageResetSaysHowManyTokensItRevoked() {
    try (WebBerth b = WebBerth.withoutGpus(dir)) {
      String[] secrets = aliceWithTokens(b, 1);
      WebHttp.Response r = b.http.postForm("/admin/users/alice", Map.of("password", "a-new-password-3"), Map.of());
      assertThat(r.status()).as(r.body()).isEqualTo(303);
      String flash = URLDecoder.decode(r.header("Set-Cookie"), StandardCharsets.UTF_8);
      assertThat(flash).contains("Password of alice reset; 1 API token revoked.");
      assertThat(b.anonymous.withToken(secrets[0]).get("/api/v1/me").status()).isEqualTo(401);
    }
  }

  @Test
  void adminsListAndRevokeAnyUsersTokensThroughTheApi() {
    try (WebBerth b = WebBerth.withoutGpus(dir)) {
      String[] secrets = aliceWithTokens(b, 2);
      WebHttp.Response list = b.http.get("/api/v1/users/alice/tokens");
      assertThat(list.status()).isEqualTo(200);
      assertThat(list.body()).contains("\"name\":\"laptop-0\"", "\"name\":\"laptop-1\"", "\"lastUsedAt\"")
          .doesNotContain(secrets[0], secrets[1], "hash");
      String id = field(list.body(), "id");

      assertThat(delete(b, "/api/v1/users/alice/tokens/" + id).status()).isEqualTo(204);
      assertThat(b.http.get("/api/v1/users/alice/tokens").body()).doesNotContain(id).contains("laptop-1");
      assertThat(b.http.get("/api/v1/audit").body()).contains("\"action\":\"token.revoke\"", "token " + id + " (laptop-0)");

      WebHttp.Response again = delete(b, "/api/v1/users/alice/tokens/" + id);
      assertThat(again.status()).isEqualTo(404);
      assertThat(again.header("Content-Type")).startsWith("application/problem+json");
      assertThat(again.body()).contains("user 'alice' has no token '" + id + "'");
      WebHttp.Response nobody = b.http.get("/api/v1/users/nobody/tokens");
      assertThat(nobody.status()).isEqualTo(404);
      assertThat(nobody.header("Content-Type")).startsWith("application/problem+json");
      assertThat(delete(b, "/api/v1/users/nobody/tokens/" + id).status()).isEqualTo(404);
    }
  }

  @Test
  void adminsSeeAndRevokeAUsersTokensOnTheUsersPages() {
    try (WebBerth b = WebBerth.withoutGpus(dir)) {
      String[] secrets = aliceWithTokens(b, 1);
      assertThat(b.http.get("/admin/users").body()).contains("href=\"/admin/users/alice/tokens\"");
      WebHttp.Response page = b.http.get("/admin/users/alice/tokens");
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.body()).contains("laptop-0", "id=\"user-tokens\"").doesNotContain(secrets[0]);
      String id = field(b.http.get("/api/v1/users/alice/tokens").body(), "id");

      WebHttp.Response revoked = b.http.postForm("/admin/users/alice/tokens/" + id + "/revoke", Map.of(), Map.of());
      assertThat(revoked.status()).isEqualTo(303);
      assertThat(revoked.header("Location")).isEqualTo("/admin/users/alice/tokens");
      assertThat(b.anonymous.withToken(secrets[0]).get("/api/v1/me").status()).isEqualTo(401);
      assertThat(b.http.get("/admin/users/alice/tokens").body()).contains("alice has no API tokens");

      WebHttp.Response twice = b.http.postForm("/admin/users/alice/tokens/" + id + "/revoke", Map.of(), Map.of());
      assertThat(twice.status()).isEqualTo(404);
      assertThat(twice.body()).contains("id=\"user-tokens-error\"", "it may have been revoked already");
      assertThat(b.http.get("/admin/users/nobody/tokens").status()).isEqualTo(404);
    }
  }
}
