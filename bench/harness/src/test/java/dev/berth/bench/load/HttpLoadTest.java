package dev.berth.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.bench.infra.Auth;
import io.javalin.Javalin;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The load generator against a real Javalin server on a free port. */
class HttpLoadTest {
  private Javalin server;
  private final AtomicInteger posts = new AtomicInteger();
  private final AtomicReference<String> authorization = new AtomicReference<>();

  @BeforeEach
  void start() {
    server = Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      cfg.routes.post("/jobs", ctx -> {
        posts.incrementAndGet();
        authorization.set(ctx.header("Authorization"));
        ctx.status(201).result("{\"id\":\"" + posts.get() + "\"}");
      });
      cfg.routes.get("/chunked", ctx -> ctx.result(new ByteArrayInputStream("x".repeat(100_000).getBytes())));
      cfg.routes.get("/missing", ctx -> ctx.status(404).result("no"));
      cfg.routes.get("/close", ctx -> ctx.header("Connection", "close").result("bye"));
    }).start("127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  @Test
  void oneConnectionReadsAnswersOfEveryFramingAndKeepsGoing() throws Exception {
    try (RawHttpConnection c = new RawHttpConnection(server.port())) {
      assertThat(c.exchange(HttpRequestBytes.postJson(server.port(), "/jobs", Auth.none(), "{}"))).isEqualTo(201);
      assertThat(c.exchange(HttpRequestBytes.get(server.port(), "/chunked", Auth.none()))).isEqualTo(200);
      assertThat(c.exchange(HttpRequestBytes.get(server.port(), "/missing", Auth.none()))).isEqualTo(404);
      assertThat(c.exchange(HttpRequestBytes.get(server.port(), "/close", Auth.none()))).isEqualTo(200);
      // The server closed that connection: the next exchange opens a new one by itself.
      assertThat(c.exchange(HttpRequestBytes.postJson(server.port(), "/jobs", Auth.none(), "{}"))).isEqualTo(201);
    }
    assertThat(posts.get()).isEqualTo(2);
  }

  @Test
  void closedLoopCountsEveryAnswerOfItsWindowAndSendsTheCredentials() throws Exception {
    byte[] request = HttpRequestBytes.postJson(server.port(), "/jobs", new Auth("Bearer abc"), "{\"user\":\"u\"}");

    LoadResult r = HttpLoad.run(server.port(), request, new HttpLoad.Plan(4, Duration.ofMillis(100),
        Duration.ofSeconds(30), 500));

    assertThat(r.completed()).isEqualTo(500);
    assertThat(r.ok()).isEqualTo(500);
    assertThat(r.clean()).isTrue();
    assertThat(r.statuses()).containsEntry(201, 500L);
    assertThat(r.sent()).isEqualTo(posts.get()).isGreaterThanOrEqualTo(500);
    assertThat(r.latency().count()).isEqualTo(500);
    assertThat(r.rate()).isPositive();
    assertThat(authorization.get()).isEqualTo("Bearer abc");
  }

  @Test
  void refusedConnectionsAreErrorsNotAnswers() throws Exception {
    int port = server.port();
    server.stop();

    LoadResult r = HttpLoad.run(port, HttpRequestBytes.get(port, "/missing", Auth.none()),
        new HttpLoad.Plan(1, Duration.ZERO, Duration.ofMillis(200), Long.MAX_VALUE));

    assertThat(r.completed()).isZero();
    assertThat(r.errors()).isPositive();
    assertThat(r.clean()).isFalse();
    assertThat(r.firstError()).contains("Connection refused");
  }

  @Test
  void pacedLoadSendsEachRequestOnceAndTimesItFromWhenItWasDue() throws Exception {
    PacedLoad.Samples s = PacedLoad.run(server.port(),
        HttpRequestBytes.postJson(server.port(), "/jobs", Auth.none(), "{}"), 200, 2, Duration.ofMillis(500));

    assertThat(s.answered()).isEqualTo(100);
    assertThat(s.ok()).isEqualTo(100);
    assertThat(posts.get()).isEqualTo(100);
    assertThat(s.latenciesBetween(0, Long.MAX_VALUE)).hasSize(100);
    assertThat(java.util.Arrays.stream(s.latencyNanos()).allMatch(n -> n > 0)).isTrue();
    assertThat(s.latenciesBetween(0, 250_000_000L)).hasSize(50);
  }
}
