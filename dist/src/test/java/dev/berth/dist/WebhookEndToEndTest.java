package dev.berth.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The webhook plugin jar in a running server: a receiver that never answers costs scheduling
 * nothing, and one that answers 500 gets the same signed event again.
 */
class WebhookEndToEndTest {
  private static final Duration T = Duration.ofSeconds(60);
  private static final String SECRET = "hook-secret-e2e";
  private static final String QUICK_JOB =
      "{\"user\":\"alice\",\"template\":\"demo\",\"gpus\":0,\"parameters\":{\"seconds\":\"0\"}}";
  @TempDir Path tmp;

  @Test
  void jobsRunAndEndWhileTheWebhookReceiverNeverAnswers() throws Exception {
    List<Socket> held = new CopyOnWriteArrayList<>();
    try (ServerSocket silent = new ServerSocket(0)) {
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            held.add(silent.accept());
          }
        } catch (IOException closed) {
          // the test is over
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      String yaml = config("dead", "http://127.0.0.1:" + silent.getLocalPort() + "/hook", "[start, end]", 120_000);
      try (var berth = InProcessBerth.start(tmp, yaml)) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
          ids.add(berth.http.submit(QUICK_JOB));
        }
        for (String id : ids) {
          Await.until("job " + id + " completed", T, () -> berth.http.job(id),
              j -> j.get("state").asText().equals("COMPLETED"));
        }
        // Every job started and ended while the POSTs still waited for an answer: none failed yet.
        assertThat(held).isNotEmpty();
        assertThat(berth.http.get("/metrics").body())
            .contains("berth_notifications_failed_total{listener=\"webhook\"} 0.0");
      }
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
  }

  @Test
  void aReceiverThatAnswers500GetsTheSameSignedEventAgain() throws Exception {
    List<byte[]> bodies = new CopyOnWriteArrayList<>();
    List<String> signatures = new CopyOnWriteArrayList<>();
    AtomicInteger calls = new AtomicInteger();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/", exchange -> {
      bodies.add(exchange.getRequestBody().readAllBytes());
      signatures.add(exchange.getRequestHeaders().getFirst("X-Berth-Signature"));
      exchange.sendResponseHeaders(calls.getAndIncrement() == 0 ? 500 : 204, -1);
      exchange.close();
    });
    receiver.start();
    try (var berth = InProcessBerth.start(tmp,
        config("lab", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook", "[end]", 10_000))) {
      String id = berth.http.submit(QUICK_JOB);

      Await.until("the event posted a second time", T, bodies::size, n -> n == 2);
      Await.until("the second try counted as delivered", T, () -> berth.http.get("/admin/plugins").body(),
          page -> page.contains("0 failed") && !page.contains("Notifications: 0 delivered"));
      assertThat(bodies.get(1)).isEqualTo(bodies.get(0));
      for (int i = 0; i < 2; i++) {
        assertThat(signatures.get(i)).isEqualTo("sha256=" + hmac(bodies.get(i)));
      }
      var body = new ObjectMapper().readTree(bodies.get(0));
      assertThat(body.get("event").asText()).isEqualTo("end");
      assertThat(body.get("job").get("id").asText()).isEqualTo(id);
      assertThat(body.get("url").asText()).isEqualTo("https://berth.lab/jobs/" + id);
      assertThat(berth.http.get("/admin/plugins").body()).doesNotContain(SECRET);
      assertThat(berth.http.get("/api/v1/plugins").body()).doesNotContain(SECRET);
    } finally {
      receiver.stop(0);
    }
  }

  @Test
  void usersSetTheirOwnChannelsAndBadInputIsRefusedWithFieldErrors() throws Exception {
    try (var berth = InProcessBerth.start(tmp, config("lab", "http://127.0.0.1:9/hook", "[end]", 10_000)
        + "  allowedWebhookHosts: [hooks.slack.com]\n")) {
      assertThat(berth.http.get("/api/v1/me/notifications").json().get("events").toString())
          .isEqualTo("[\"failed\",\"timed_out\"]");

      Http.Response bad = berth.http.putJson("/api/v1/me/notifications",
          "{\"email\":\"ann at lab\",\"events\":[\"failed\",\"finished\"],\"webhookUrl\":\"http://10.0.0.1/x\"}");
      assertThat(bad.status()).isEqualTo(400);
      assertThat(bad.contentType()).startsWith("application/problem+json");
      assertThat(bad.json().get("errors").findValuesAsText("field")).containsExactly("email", "events", "webhookUrl");
      assertThat(bad.body()).contains("host 10.0.0.1 is not allowed").doesNotContain(SECRET);
      assertThat(berth.http.putJson("/api/v1/me/notifications", "{\"webhookUrl\":\"not a url\"}").status())
          .isEqualTo(400);
      assertThat(berth.http.get("/api/v1/me/notifications").json().get("email").isNull()).isTrue();
      Http.Response badJob = berth.http.postJson("/api/v1/jobs",
          "{\"user\":\"admin\",\"template\":\"demo\",\"gpus\":0,\"notify\":[\"end\",\"finished\"]}");
      assertThat(badJob.status()).isEqualTo(400);
      assertThat(badJob.json().get("errors").get(0).get("field").asText()).isEqualTo("notify");
      assertThat(berth.http.get("/api/v1/jobs").body()).doesNotContain("\"id\"");

      Http.Response ok = berth.http.putJson("/api/v1/me/notifications",
          "{\"email\":\"ann@lab.example\",\"events\":[\"start\",\"end\"],"
              + "\"webhookUrl\":\"https://hooks.slack.com/services/T/B/x\"}");
      assertThat(ok.status()).isEqualTo(200);
      assertThat(berth.http.get("/api/v1/me/notifications").json().toString()).isEqualTo(
          "{\"email\":\"ann@lab.example\",\"events\":[\"end\",\"start\"],"
              + "\"webhookUrl\":\"https://hooks.slack.com/services/T/B/x\"}");
    }
  }

  private String config(String name, String url, String events, int timeoutMillis) throws IOException {
    Path secret = tmp.resolve("webhook-secret");
    Files.writeString(secret, SECRET + "\n");
    return InProcessBerth.config(tmp.resolve("none/nvidia-smi")) + """
        extensions:
          listeners: [webhook]
        notify:
          retryAfterSeconds: [0.2, 0.2, 0.2, 0.2]
          webhook:
            publicUrl: https://berth.lab
            timeoutMillis: %d
            endpoints:
              - name: %s
                url: %s
                secretFile: %s
                events: %s
        """.formatted(timeoutMillis, name, url, secret, events);
  }

  private static String hmac(byte[] body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body));
  }
}
