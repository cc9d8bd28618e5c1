package dev.berth.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Oversized bodies are refused before anything parses them, on every route: 413 with a clear
 * message, never a 500 with a stack trace (the review's 70 MB multipart POST to {@code /login}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestLimitsTest {
  private static final long SEVENTY_MB = 70L * 1000 * 1000;
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
  void a70MegabyteMultipartSignInIsRefusedWith413BeforeItIsRead() {
    RawHttp.Response r = RawHttp.send(berth.server.port(), """
        POST /login HTTP/1.1\r
        Host: 127.0.0.1\r
        Accept: text/html\r
        Content-Type: multipart/form-data; boundary=xyz\r
        Content-Length: %d""".formatted(SEVENTY_MB), SEVENTY_MB);
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.header("Content-Type")).startsWith("text/html");
    assertThat(r.body()).contains("at most 65536 bytes").doesNotContain("Exception", "at org.", "at io.javalin");
    assertThat(berth.http.get("/healthz").status()).as("the server still answers").isEqualTo(200);
  }

  @Test
  void anOversizedApiBodyGetsAProblemWithoutBeingRead() {
    RawHttp.Response r = RawHttp.send(berth.server.port(), """
        POST /api/v1/jobs HTTP/1.1\r
        Host: 127.0.0.1\r
        Content-Type: application/json\r
        Content-Length: %d""".formatted(SEVENTY_MB), SEVENTY_MB);
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    assertThat(r.body()).contains("\"status\":413", "at most 65536 bytes");
  }

  @Test
  void aMultipartBodyWithoutALengthIsRefused() {
    RawHttp.Response r = RawHttp.send(berth.server.port(), """
        POST /login HTTP/1.1\r
        Host: 127.0.0.1\r
        Accept: application/json\r
        Content-Type: multipart/form-data; boundary=xyz\r
        Transfer-Encoding: chunked\r
        \r
        0\r
        """.stripTrailing());
    assertThat(r.status()).isEqualTo(411);
    assertThat(r.body()).contains("Content-Length").doesNotContain("Exception");
  }

  @Test
  void aFormWithoutALengthIsCountedAsItIsRead() {
    StringBuilder chunks = new StringBuilder("9\r\nusername=\r\n");
    String chunk = "a".repeat(0x8000);
    for (int i = 0; i < 4; i++) {
      chunks.append("8000\r\n").append(chunk).append("\r\n");
    }
    RawHttp.Response r = RawHttp.send(berth.server.port(), "POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/html\r\n"
        + "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks + "0");
    assertThat(r.status()).as("128 KiB of form, over api.maxBodyBytes").isEqualTo(413);
    assertThat(r.body()).doesNotContain("Exception", "at org.");
  }

  @Test
  void aPluginUploadMayBeLargerThanOtherBodies() {
    RawHttp.Response r = RawHttp.send(berth.server.port(), """
        POST /admin/plugins HTTP/1.1\r
        Host: 127.0.0.1\r
        Accept: text/html\r
        Content-Type: multipart/form-data; boundary=xyz\r
        Content-Length: %d""".formatted(SEVENTY_MB), SEVENTY_MB);
    assertThat(r.status()).as("over the jar limit too, with the route's own words").isEqualTo(413);
    assertThat(r.body()).contains("plugin jar of at most 64 MiB");
  }
}
