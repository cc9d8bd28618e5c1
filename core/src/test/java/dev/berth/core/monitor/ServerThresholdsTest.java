package dev.berth.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.testkit.SettableClock;
import io.javalin.Javalin;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Fetching thresholds from a server's settings API over real HTTP, including a server that is down,
 * answers an error, or hangs. The happy path against a real Berth server is in dist's MonitorCommandTest.
 */
class ServerThresholdsTest {
  private static final String SETTINGS = """
      {"section":"thresholds","title":"GPU availability thresholds","version":3,
       "values":{"gpuMemoryFreeMinMiB":"4096","gpuUtilizationMaxPercent":"90","cpuUsageMaxPercent":"90",
                 "memoryUsageMaxPercent":"85","someFutureKey":"7"},
       "settings":[]}""";

  private final SettableClock clock = new SettableClock(Instant.parse("2026-03-01T08:00:00Z"));
  private final AtomicReference<String> body = new AtomicReference<>(SETTINGS);
  private final AtomicReference<Integer> status = new AtomicReference<>(200);
  private final CountDownLatch release = new CountDownLatch(1);
  private volatile boolean hang;
  private Javalin server;

  @AfterEach
  void stop() {
    release.countDown();
    if (server != null) {
      server.stop();
    }
  }

  private URI startServer() {
    server = Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      cfg.routes.get("/api/v1/settings/thresholds", ctx -> {
        if (hang) {
          release.await(30, TimeUnit.SECONDS);
        }
        ctx.status(status.get()).contentType("application/json").result(body.get());
      });
    }).start("127.0.0.1", 0);
    return URI.create("http://127.0.0.1:" + server.port());
  }

  private ServerThresholds thresholds(URI server, Map<String, String> overrides, Duration timeout) {
    return new ServerThresholds(Schemas.THRESHOLDS, overrides, server, timeout, clock);
  }

  @Test
  void theServersValuesApplyWithTheMonitorsOwnOnTop() {
    ServerThresholds t = thresholds(startServer(), Map.of("cpuUsageMaxPercent", "50"), Duration.ofSeconds(5));

    t.refresh();

    assertThat(t.problems()).isEmpty();
    assertThat(t.current().version()).isEqualTo(3);
    assertThat(t.current().values()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "gpuMemoryFreeMinMiB", "4096", "gpuUtilizationMaxPercent", "90", "cpuUsageMaxPercent", "50",
        "memoryUsageMaxPercent", "85"));
    assertThat(t.origin()).endsWith("/api/v1/settings/thresholds");
  }

  @Test
  void aServerThatIsDownLeavesTheDefaultsAndSaysSo() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    ServerThresholds t = thresholds(URI.create("http://127.0.0.1:" + closedPort), Map.of(), Duration.ofSeconds(5));

    t.refresh();

    assertThat(t.current().values()).containsEntry("gpuUtilizationMaxPercent", "80");
    assertThat(t.problems()).singleElement().asString()
        .contains("thresholds from http://127.0.0.1:" + closedPort + "/api/v1/settings/thresholds")
        .contains("connection refused").endsWith("using the defaults");
  }

  @Test
  void afterOneSuccessAFailureKeepsTheLastValuesFetched() {
    ServerThresholds t = thresholds(startServer(), Map.of(), Duration.ofSeconds(5));
    t.refresh();
    status.set(500);
    body.set("{\"title\":\"Internal error\"}");

    t.refresh();

    assertThat(t.current().values()).containsEntry("gpuUtilizationMaxPercent", "90");
    assertThat(t.problems()).singleElement().asString()
        .contains("answered HTTP 500").contains("using the values fetched at 2026-03-01T08:00:00Z");

    status.set(200);
    body.set(SETTINGS.replace("\"90\",\"cpu", "\"70\",\"cpu"));
    t.refresh();
    assertThat(t.problems()).isEmpty();
    assertThat(t.current().values()).containsEntry("gpuUtilizationMaxPercent", "70");
  }

  @Test
  void nonsenseFromTheServerIsAProblemNotAValue() {
    ServerThresholds t = thresholds(startServer(), Map.of(), Duration.ofSeconds(5));
    body.set("<html>login</html>");
    t.refresh();
    assertThat(t.problems()).singleElement().asString().contains("answered with invalid JSON");

    body.set("{\"values\":{\"gpuUtilizationMaxPercent\":\"180\"}}");
    t.refresh();
    assertThat(t.problems()).singleElement().asString().contains("gpuUtilizationMaxPercent must be between 0 and 100");
    assertThat(t.current().values()).containsEntry("gpuUtilizationMaxPercent", "80");

    body.set("[1,2]");
    t.refresh();
    assertThat(t.problems()).singleElement().asString().contains("without a \"values\" object");
  }

  @Test
  void aServerThatHangsTimesOut() {
    hang = true;
    ServerThresholds t = thresholds(startServer(), Map.of(), Duration.ofMillis(300));

    t.refresh();

    assertThat(t.problems()).singleElement().asString().contains("timed out after 300 ms");
    assertThat(t.current().values()).containsEntry("gpuUtilizationMaxPercent", "80");
  }
}
