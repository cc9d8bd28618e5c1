package dev.berth.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Jetty refuses before Berth's handlers run (a URI or headers too large, a bad path) comes
 * back on the API as problem+json, like every other API error, with no stack trace.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JettyErrorsTest {
  private WebBerth berth;

  @BeforeAll
  void start(@TempDir Path dir) {
    berth = WebBerth.withoutGpus(dir);
  }

  @AfterAll
  void stop() {
    berth.close();
  }

  private RawHttp.Response get(String target, String extraHeader) {
    return RawHttp.send(berth.server.port(), "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json"
        + (extraHeader == null ? "" : "\r\n" + extraHeader));
  }

  private static void isProblem(RawHttp.Response r, int... status) {
    assertThat(r.status()).isIn(java.util.Arrays.stream(status).boxed().toArray());
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    assertThat(r.body()).contains("\"status\":" + r.status()).doesNotContain("Exception", "at org.");
    assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
  }

  @Test
  void aUriTooLongIsAProblem() {
    isProblem(get("/api/v1/jobs?x=" + "a".repeat(20_000), null), 414);
  }

  @Test
  void headersTooLargeAreAProblem() {
    isProblem(get("/api/v1/jobs", "X-Big: " + "b".repeat(20_000)), 431);
  }

  @Test
  void anAmbiguousOrBadlyEncodedPathIsAProblem() {
    // Jetty resolves the encoded dots (to /api/x, which no route serves) or refuses them.
    isProblem(get("/api/v1/%2e%2e/x", null), 400, 404);
    isProblem(get("/api/v1/jobs/%zz", null), 400);
  }

  @Test
  void aBrowserStillGetsHtmlForABadPage() {
    RawHttp.Response r = RawHttp.send(berth.server.port(), "GET /jobs/%zz HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/html");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body()).doesNotContain("Exception", "at org.");
  }
}
