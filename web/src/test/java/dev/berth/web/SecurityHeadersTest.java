package dev.berth.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of answer carries the headers that stop sniffing, framing and referrer leaks. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityHeadersTest {
  private WebBerth berth;

  @BeforeAll
  void start(@TempDir Path dir) {
    berth = WebBerth.withoutGpus(dir);
  }

  @AfterAll
  void stop() {
    berth.close();
  }

  @Test
  void pagesApiErrorsAndAssetsCarryThem() {
    List<WebHttp.Response> answers = List.of(
        berth.anonymous.get("/login"),
        berth.http.get("/"),
        berth.anonymous.get("/"),
        berth.anonymous.get("/api/v1/queue", Map.of("Accept", "application/json")),
        berth.http.get("/api/v1/queue", Map.of("Accept", "application/json")),
        berth.http.get("/no/such/page"),
        berth.anonymous.get("/ui/berth.css"),
        berth.anonymous.get("/healthz"));
    for (WebHttp.Response r : answers) {
      assertThat(r.header("X-Content-Type-Options")).as("%s", r.status()).isEqualTo("nosniff");
      assertThat(r.header("X-Frame-Options")).isEqualTo("DENY");
      assertThat(r.header("Referrer-Policy")).isEqualTo("same-origin");
      assertThat(r.header("Content-Security-Policy")).contains("frame-ancestors 'none'", "script-src 'self'")
          .doesNotContain("unsafe-eval");
    }
  }

  @Test
  void noPageNeedsAnInlineScript() {
    String id = berth.http.submit("{\"template\":\"demo\",\"gpus\":1}");
    for (String page : List.of("/", "/submit", "/resources", "/jobs/" + id, "/admin/settings", "/admin/plugins", "/admin/users",
        "/admin/audit", "/tokens")) {
      String html = berth.http.get(page).body();
      assertThat(html).as(page).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>").doesNotContain("hx-on", " onclick=");
    }
  }
}
