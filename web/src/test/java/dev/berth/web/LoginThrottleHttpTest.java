package dev.berth.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sign-in throttle against a real Berth over HTTP (Basic credentials take the same path as the
 * sign-in form): separate budgets per account and per client address, and the client address
 * taken from {@code X-Forwarded-For} only when the peer is a trusted proxy.
 */
class LoginThrottleHttpTest {
  @TempDir Path dir;

  private static int status(WebBerth b, String user, String password, Map<String, String> headers) {
    return b.anonymous.as(user, password).get("/api/v1/me", headers).status();
  }

  @Test
  void guessedNamesFromOneAddressDoNotLockOutTheAdminsPassword() {
    try (WebBerth b = WebBerth.withoutGpus(dir)) {
      for (int i = 0; i < 25; i++) {
        assertThat(status(b, "made-up-" + i, "guess", Map.of())).isEqualTo(401);
      }
      assertThat(status(b, "admin", WebBerth.ADMIN_PASSWORD, Map.of())).isEqualTo(200);
      assertThat(status(b, "x".repeat(1_000), "guess", Map.of())).as("an overlong name is just wrong").isEqualTo(401);
    }
  }

  @Test
  void oneAccountIsLockedAfterItsFailuresAndOneAddressAfterItsOwnBudget() {
    try (WebBerth b = WebBerth.withEnvironment(dir, "auth:\n  login:\n    maxFailures: 3\n    maxFailuresPerAddress: 6\n",
        Map.of("BERTH_ADMIN_PASSWORD", WebBerth.ADMIN_PASSWORD))) {
      for (int i = 0; i < 3; i++) {
        assertThat(status(b, "admin", "guess-" + i, Map.of())).isEqualTo(401);
      }
      WebHttp.Response locked = b.anonymous.as("admin", WebBerth.ADMIN_PASSWORD).get("/api/v1/me");
      assertThat(locked.status()).isEqualTo(429);
      assertThat(locked.header("Retry-After")).isNotBlank();
      assertThat(locked.body()).contains("for this user");
      for (int i = 0; i < 3; i++) {
        assertThat(status(b, "made-up-" + i, "guess", Map.of())).isEqualTo(401);
      }
      WebHttp.Response address = b.anonymous.as("someone", "guess").get("/api/v1/me");
      assertThat(address.status()).isEqualTo(429);
      assertThat(address.body()).contains("from this address");
    }
  }

  @Test
  void theForwardedClientAddressCountsOnlyBehindATrustedProxy() {
    String budget = "  login:\n    maxFailuresPerAddress: 3\n";
    try (WebBerth proxied = WebBerth.withEnvironment(dir.resolve("proxied"),
        "auth:\n" + budget + "  proxy:\n    trustedCidrs: [127.0.0.1/32]\n",
        Map.of("BERTH_ADMIN_PASSWORD", WebBerth.ADMIN_PASSWORD))) {
      for (int i = 0; i < 3; i++) {
        assertThat(status(proxied, "made-up-" + i, "guess", Map.of("X-Forwarded-For", "198.51.100.1"))).isEqualTo(401);
      }
      assertThat(status(proxied, "made-up", "guess", Map.of("X-Forwarded-For", "198.51.100.1"))).isEqualTo(429);
      assertThat(status(proxied, "admin", WebBerth.ADMIN_PASSWORD, Map.of("X-Forwarded-For", "198.51.100.2")))
          .as("another client behind the same proxy").isEqualTo(200);
      assertThat(status(proxied, "made-up", "guess", Map.of("X-Forwarded-For", "203.0.113.9, 198.51.100.1")))
          .as("a claimed address left of the proxy's own is not believed").isEqualTo(429);
    }
    try (WebBerth direct = WebBerth.withEnvironment(dir.resolve("direct"), "auth:\n" + budget,
        Map.of("BERTH_ADMIN_PASSWORD", WebBerth.ADMIN_PASSWORD))) {
      for (int i = 0; i < 3; i++) {
        assertThat(status(direct, "made-up-" + i, "guess", Map.of("X-Forwarded-For", "198.51.100." + i))).isEqualTo(401);
      }
      assertThat(status(direct, "made-up", "guess", Map.of("X-Forwarded-For", "198.51.100.77")))
          .as("an untrusted peer cannot pick its address").isEqualTo(429);
    }
  }
}
