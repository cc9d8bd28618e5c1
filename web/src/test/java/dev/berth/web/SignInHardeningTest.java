package dev.berth.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sign-in form cannot be posted from another site (login CSRF), and sends the browser on only
 * to a path of this server (no open redirect).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignInHardeningTest {
  private WebBerth berth;

  @BeforeAll
  void start(@TempDir Path dir) {
    berth = WebBerth.withoutGpus(dir);
  }

  @AfterAll
  void stop() {
    berth.close();
  }

  private static Map<String, String> admin(String next) {
    return Map.of("username", "admin", "password", WebBerth.ADMIN_PASSWORD, "next", next);
  }

  @Test
  void aSignInPostedWithoutThePagesTokenIsRefused() {
    WebHttp.Response forged = berth.anonymous.postForm("/login", admin("/"), Map.of());
    assertThat(forged.status()).isEqualTo(403);
    assertThat(forged.body()).contains("CSRF");
    assertThat(String.valueOf(forged.header("Set-Cookie"))).doesNotContain("berth_session=");

    WebHttp.Response wrongToken = berth.anonymous.postForm("/login", Map.of("username", "admin",
        "password", WebBerth.ADMIN_PASSWORD, "_csrf", "x".repeat(43)), Map.of("Cookie", "berth_csrf=" + "y".repeat(43)));
    assertThat(wrongToken.status()).isEqualTo(403);

    WebHttp.Response real = berth.anonymous.signIn(admin("/"), Map.of());
    assertThat(real.status()).isEqualTo(303);
    assertThat(real.header("Set-Cookie")).contains("berth_session=");
  }

  @Test
  void theFormSendsTheBrowserOnOnlyToALocalPath() {
    assertThat(berth.anonymous.signIn(admin("/jobs/7?x=1"), Map.of()).header("Location")).isEqualTo("/jobs/7?x=1");
    for (String next : new String[] {"/\t/example.com", "//example.com", "/\\example.com", "https://example.com",
        "/\n/example.com", "javascript:alert(1)"}) {
      WebHttp.Response r = berth.anonymous.signIn(admin(next), Map.of());
      assertThat(r.status()).isEqualTo(303);
      assertThat(r.header("Location")).as(next).isEqualTo("/");
    }
  }

  @Test
  void aSignedInVisitToTheSignInPageIsNotAnOpenRedirect() {
    WebHttp.Response r = berth.http.get("/login?next=/%09/example.com");
    assertThat(r.status()).isEqualTo(303);
    assertThat(r.header("Location")).isEqualTo("/");
    WebHttp.Response page = berth.anonymous.get("/login?next=/%09/example.com");
    assertThat(page.body()).contains("name=\"next\" value=\"/\"");
  }
}
