package dev.berth.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signing in and what guards it, against a real Berth: sessions and their cookie, CSRF on forms
 * and htmx, API tokens and their revocation, the login throttle, the initial administrator, and
 * proxy mode's trusted addresses.
 */
class SignInTest {
  private static final Pattern CSRF = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\">");
  @TempDir Path dir;

  private static String sessionCookie(WebHttp.Response r) {
    String setCookie = r.header("Set-Cookie");
    assertThat(setCookie).as("Set-Cookie").isNotNull();
    Matcher m = Pattern.compile("berth_session=([^;,]+)").matcher(setCookie);
    assertThat(m.find()).as(setCookie).isTrue();
    return "berth_session=" + m.group(1);
  }

  private static String csrf(WebHttp.Response page) {
    Matcher m = CSRF.matcher(page.body());
    assertThat(m.find()).as("csrf meta tag").isTrue();
    return m.group(1);
  }

  @Test
  void aSessionNeedsTheCsrfTokenOnEveryFormAndHtmxRequest() {
    try (WebBerth b = WebBerth.withoutGpus(dir)) {
      WebHttp.Response login = b.anonymous.signIn(
          Map.of("username", "admin", "password", WebBerth.ADMIN_PASSWORD, "next", "/submit"), Map.of());
      assertThat(login.status()).isEqualTo(303);
      assertThat(login.header("Location")).isEqualTo("/submit");
      assertThat(login.header("Set-Cookie")).contains("HttpOnly", "SameSite=Lax").doesNotContain("Secure");
      WebHttp session = b.anonymous.withCookie(sessionCookie(login));
      String token = csrf(session.get("/"));

      String id = b.http.submit("{\"template\":\"demo\",\"gpus\":1}");
      assertThat(session.postForm("/jobs/" + id + "/cancel", Map.of(), Map.of()).status()).isEqualTo(403);
      assertThat(session.postForm("/jobs/" + id + "/cancel", Map.of("_csrf", "wrong"), Map.of()).status()).isEqualTo(403);
      assertThat(session.postForm("/jobs/" + id + "/cancel", Map.of(), WebHttp.HTMX).status()).isEqualTo(403);
      assertThat(session.postForm("/jobs/" + id + "/cancel", Map.of(), Map.of("HX-Request", "true", "X-CSRF-Token", token))
          .status()).isEqualTo(200);
      String other = b.http.submit("{\"template\":\"demo\",\"gpus\":1}");
      assertThat(session.postForm("/jobs/" + other + "/cancel", Map.of("_csrf", token), Map.of()).status()).isEqualTo(303);
      assertThat(session.postJson("/api/v1/me/tokens", "{\"name\":\"x\"}").status()).as("JSON with a session").isEqualTo(403);

      assertThat(session.postForm("/logout", Map.of("_csrf", token), Map.of()).status()).isEqualTo(303);
      assertThat(session.get("/").status()).as("signed out").isEqualTo(303);
    }
  }

  @Test
  void theSessionCookieIsSecureBehindATrustedTlsProxyOnly() {
    try (WebBerth b = WebBerth.withEnvironment(dir, "auth:\n  proxy:\n    trustedCidrs: [127.0.0.1/32]\n",
        Map.of("BERTH_ADMIN_PASSWORD", WebBerth.ADMIN_PASSWORD))) {
      WebHttp.Response tls = b.anonymous.signIn(
          Map.of("username", "admin", "password", WebBerth.ADMIN_PASSWORD), Map.of("X-Forwarded-Proto", "https"));
      assertThat(tls.header("Set-Cookie")).contains("Secure", "HttpOnly");
    }
  }

  @Test
  void aRevokedTokenIsRefused() {
    try (WebBerth b = WebBerth.withoutGpus(dir)) {
      WebHttp.Response created = b.http.postJson("/api/v1/me/tokens", "{\"name\":\"ci\"}");
      assertThat(created.status()).isEqualTo(201);
      String token = created.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
      String id = created.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
      WebHttp withToken = b.anonymous.withToken(token);
      assertThat(withToken.get("/api/v1/me").body()).contains("\"username\":\"admin\"", "\"via\":\"token\"");
      assertThat(b.http.get("/api/v1/me/tokens").body()).contains("\"name\":\"ci\"").doesNotContain(token);

      assertThat(withToken.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(b.base() + "/api/v1/me/tokens/" + id))
          .DELETE()).status()).isEqualTo(204);
      WebHttp.Response after = withToken.get("/api/v1/me");
      assertThat(after.status()).isEqualTo(401);
      assertThat(after.header("Content-Type")).startsWith("application/problem+json");
      assertThat(b.anonymous.withToken("berth_made-up").get("/api/v1/queue").status()).isEqualTo(401);
    }
  }

  @Test
  void repeatedWrongPasswordsAreThrottled() {
    try (WebBerth b = WebBerth.withoutGpus(dir)) {
      for (int i = 0; i < 10; i++) {
        WebHttp.Response wrong = b.anonymous.signIn(Map.of("username", "admin", "password", "guess-" + i), Map.of());
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body()).contains("Wrong username or password");
      }
      WebHttp.Response throttled = b.anonymous.signIn(
          Map.of("username", "admin", "password", WebBerth.ADMIN_PASSWORD), Map.of());
      assertThat(throttled.status()).isEqualTo(429);
      assertThat(throttled.header("Retry-After")).isNotBlank();
      assertThat(b.anonymous.as("admin", "another-guess").get("/api/v1/me").status()).isEqualTo(429);
    }
  }

  @Test
  void theInitialAdminPasswordFileIsCreatedOnceWithMode0600() throws Exception {
    Path file = dir.resolve("data/secrets/initial-admin-password");
    String password;
    FileTime written;
    try (WebBerth b = WebBerth.withEnvironment(dir, "", Map.of())) {
      assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
      password = Files.readString(file).trim();
      assertThat(password).hasSizeGreaterThanOrEqualTo(20);
      written = Files.getLastModifiedTime(file);
      assertThat(b.anonymous.as("admin", password).get("/api/v1/me").status()).isEqualTo(200);
      assertThat(b.anonymous.as("admin", password).patch("/api/v1/users/admin", "{\"password\":\"a-new-password\"}").status())
          .isEqualTo(200);
    }
    try (WebBerth again = WebBerth.withEnvironment(dir, "", Map.of())) {
      assertThat(Files.readString(file).trim()).isEqualTo(password);
      assertThat(Files.getLastModifiedTime(file)).isEqualTo(written);
      assertThat(again.anonymous.as("admin", "a-new-password").get("/api/v1/users").body())
          .contains("\"username\":\"admin\"").doesNotContain("passwordHash");
    }
  }

  @Test
  void proxyHeadersAreTrustedOnlyFromTheProxysAddress() {
    try (WebBerth untrusted = WebBerth.withEnvironment(dir.resolve("a"),
        "auth:\n  mode: proxy\n  proxy:\n    trustedCidrs: [10.9.9.9/32]\n", Map.of())) {
      WebHttp.Response r = untrusted.anonymous.get("/api/v1/me", Map.of("X-Forwarded-User", "alice"));
      assertThat(r.status()).isEqualTo(403);
      assertThat(r.body()).contains("not a trusted proxy");
      assertThat(untrusted.anonymous.get("/api/v1/me").status()).isEqualTo(401);
    }
    try (WebBerth trusted = WebBerth.withEnvironment(dir.resolve("b"),
        "auth:\n  mode: proxy\n  proxy:\n    trustedCidrs: [127.0.0.0/8]\n", Map.of())) {
      assertThat(trusted.anonymous.get("/api/v1/me", Map.of("X-Forwarded-User", "alice")).body())
          .contains("\"username\":\"alice\"", "\"admin\":false");
      assertThat(trusted.anonymous.get("/api/v1/me", Map.of("X-Forwarded-User", "carol", "X-Forwarded-Groups", "dev, berth-admins"))
          .body()).contains("\"username\":\"carol\"", "\"admin\":true");
      assertThat(trusted.anonymous.get("/admin/settings", Map.of("X-Forwarded-User", "alice")).status()).isEqualTo(403);
      assertThat(trusted.anonymous.postJson("/api/v1/jobs", "{\"template\":\"demo\",\"gpus\":1}").status()).isEqualTo(401);
    }
  }

  @Test
  void noneModeLetsEveryCallerActAsAnAdministratorAndTakesTheUserFieldAsGiven() {
    try (WebBerth b = WebBerth.withEnvironment(dir, "auth:\n  mode: none\n", Map.of())) {
      assertThat(b.anonymous.get("/api/v1/me").body()).contains("\"username\":\"local\"", "\"admin\":true", "\"mode\":\"none\"");
      String id = b.anonymous.submit("{\"user\":\"alice\",\"template\":\"demo\",\"gpus\":1}");
      assertThat(b.services().jobs().get(id).user()).isEqualTo("alice");
      assertThat(b.anonymous.get("/admin/settings").status()).isEqualTo(200);
      assertThat(Files.exists(dir.resolve("data/secrets/initial-admin-password"))).as("no users in none mode").isFalse();
    }
  }

  @Test
  void aUserBeyondTheQueuedJobLimitGetsA429() {
    try (WebBerth b = WebBerth.withoutGpus(dir)) {
      assertThat(b.http.putJson("/api/v1/settings/limits", "{\"maxQueuedJobsPerUser\":2}").status()).isEqualTo(200);
      b.http.submit("{\"template\":\"demo\",\"gpus\":1}");
      b.http.submit("{\"template\":\"demo\",\"gpus\":1}");
      WebHttp.Response third = b.http.postJson("/api/v1/jobs", "{\"template\":\"demo\",\"gpus\":1}");
      assertThat(third.status()).isEqualTo(429);
      assertThat(third.body()).contains("maxQueuedJobsPerUser", "already has 2 queued jobs");
      assertThat(b.http.get("/api/v1/audit").body()).contains("settings.update", "maxQueuedJobsPerUser: 0 → 2");
    }
  }
}
