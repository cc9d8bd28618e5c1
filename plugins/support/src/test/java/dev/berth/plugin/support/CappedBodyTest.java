package dev.berth.plugin.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real HTTP on loopback: a body under the cap arrives whole, one over it fails with TooLarge. */
class CappedBodyTest {
  private HttpServer server;
  private final HttpClient client = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/small", ex -> reply(ex, "x".repeat(100)));
    server.createContext("/big", ex -> reply(ex, "y".repeat(5000)));
    server.start();
  }

  private static void reply(com.sun.net.httpserver.HttpExchange ex, String body) throws java.io.IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(200, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private HttpRequest get(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path)).build();
  }

  @Test
  void aBodyUnderTheCapArrivesWhole() throws Exception {
    assertThat(client.send(get("/small"), CappedBody.handler(1024)).body()).hasSize(100);
  }

  @Test
  void aBodyOverTheCapFails() {
    assertThatThrownBy(() -> client.send(get("/big"), CappedBody.handler(1024)))
        .hasCauseInstanceOf(CappedBody.TooLarge.class)
        .hasMessageContaining("sent more than 1 KiB");
  }
}
