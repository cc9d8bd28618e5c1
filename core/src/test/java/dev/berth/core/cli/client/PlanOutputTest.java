package dev.berth.core.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What why, show and queue print of a queued job's plan (reasons with codes, the start estimate or
 * its note, the score), against a real HTTP server answering the API's JSON.
 */
class PlanOutputTest {
  private static final Instant NOW = Instant.parse("2026-01-01T13:53:00Z");
  private static final String SCORED = "{\"id\":\"7\",\"name\":\"train\",\"user\":\"alice\",\"template\":\"demo\","
      + "\"parameters\":{},\"gpus\":1,\"priority\":0,\"state\":\"QUEUED\",\"submittedAt\":\"2026-01-01T13:50:00Z\","
      + "\"scheduledAt\":null,\"startedAt\":null,\"finishedAt\":null,\"placement\":null,\"exitCode\":null,"
      + "\"message\":null,\"executorRef\":null,\"timeLimitSeconds\":3600,\"position\":2,"
      + "\"waitingReasons\":[{\"code\":\"RESOURCES\",\"message\":\"GPU 0 utilization 93 % ≥ 80 %\"},"
      + "{\"code\":\"PRIORITY\",\"message\":\"1 job ahead start first\"}],"
      + "\"estimatedStartAt\":\"2026-01-01T14:05:00Z\",\"estimateNote\":null,"
      + "\"score\":{\"total\":8077.0,\"factors\":[{\"name\":\"fairshare\",\"value\":0.70711,\"weight\":10000.0,"
      + "\"points\":7071.1},{\"name\":\"age\",\"value\":0.006,\"weight\":1000.0,\"points\":6.0},"
      + "{\"name\":\"priority\",\"value\":0.5,\"weight\":2000.0,\"points\":1000.0}]}}";
  private static final String UNKNOWN = SCORED.replace("\"id\":\"7\"", "\"id\":\"8\"")
      .replace("\"estimatedStartAt\":\"2026-01-01T14:05:00Z\",\"estimateNote\":null",
          "\"estimatedStartAt\":null,\"estimateNote\":\"a job ahead has no time limit\"")
      .replaceAll("\"score\":\\{.*\\}\\}$", "\"score\":null}");

  private HttpServer server;
  private final Map<String, String> answers = new HashMap<>();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  @BeforeEach
  void serve() throws IOException {
    answers.put("/api/v1/jobs/7", SCORED);
    answers.put("/api/v1/jobs/8", UNKNOWN);
    answers.put("/api/v1/jobs/7/events", "{\"events\":[]}");
    answers.put("/api/v1/jobs/8/events", "{\"events\":[]}");
    answers.put("/api/v1/queue", "{\"running\":[],\"queued\":[" + SCORED + "," + UNKNOWN + "],\"queuedTotal\":2}");
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      String body = answers.get(exchange.getRequestURI().getPath());
      byte[] bytes = (body == null ? "{}" : body).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
      try (OutputStream o = exchange.getResponseBody()) {
        o.write(bytes);
      }
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private ClientContext ctx() {
    PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
    return new ClientContext(Map.of("BERTH_TOKEN", "t"), "http://127.0.0.1:" + server.getAddress().getPort(), ps, ps,
        Clock.fixed(NOW, ZoneOffset.UTC), new Terminal(false, 200));
  }

  private String printed() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void whyPrintsEachReasonWithItsCodeTheEstimateAndTheScoreTermByTerm() {
    WhyCommand why = new WhyCommand();
    why.id = "7";
    assertThat(why.run(ctx())).isZero();
    assertThat(printed().lines()).containsExactly(
        "RESOURCES  GPU 0 utilization 93 % ≥ 80 %",
        "PRIORITY  1 job ahead start first",
        "starts in 12m (2026-01-01T14:05:00Z)",
        "score 8077:",
        "  fairshare    0.71 × 10000   = 7071.1",
        "  age          0.01 × 1000    = 6.0",
        "  priority     0.50 × 2000    = 1000.0");
  }

  @Test
  void whyGivesTheNoteWhenThereIsNoEstimateAndNoScoreUnderAnOrderThatDoesNotScore() {
    WhyCommand why = new WhyCommand();
    why.id = "8";
    why.run(ctx());
    assertThat(printed()).contains("RESOURCES  GPU 0 utilization", "no estimate: a job ahead has no time limit")
        .doesNotContain("score");
  }

  @Test
  void whyJsonKeepsTheApisObjects() {
    WhyCommand why = new WhyCommand();
    why.id = "7";
    why.json = true;
    why.run(ctx());
    Node n = JsonText.parse(printed());
    assertThat(n.path("waitingReasons").iterator().next().path("code").asText()).isEqualTo("RESOURCES");
    assertThat(n.path("estimatedStartAt").asText()).isEqualTo("2026-01-01T14:05:00Z");
    assertThat(n.path("score").path("total").asDouble()).isEqualTo(8077.0);
    assertThat(n.path("score").path("factors").size()).isEqualTo(3);
  }

  @Test
  void showPrintsReasonsEstimateAndScoreInTheirOwnSections() {
    ShowCommand show = new ShowCommand();
    show.id = "7";
    assertThat(show.run(ctx())).isZero();
    assertThat(printed()).contains("Waiting because:\n  RESOURCES  GPU 0 utilization 93 % ≥ 80 %\n  PRIORITY  1 job ahead",
        "Start: starts in 12m (2026-01-01T14:05:00Z)", "Score: 8077\n  fairshare    0.71 × 10000   = 7071.1")
        .doesNotContain("estimatedStartAt:", "score:", "{\"code\"");
  }

  @Test
  void queueShowsTheScoreAndTheFirstReasonWithItsCode() {
    QueueCommand queue = new QueueCommand();
    queue.whose.all = true;
    assertThat(queue.run(ctx())).isZero();
    String[] lines = printed().split("\n");
    assertThat(lines[0].split("\\s+")).containsExactly("POS", "ID", "USER", "NAME", "GPUS", "STATE", "WAITED", "START",
        "SCORE", "REASON");
    assertThat(lines[1]).contains("in 12m", "8077", "RESOURCES  GPU 0 utilization 93 % ≥ 80 %");
    assertThat(lines[2]).contains(" - ", "RESOURCES");
  }
}
