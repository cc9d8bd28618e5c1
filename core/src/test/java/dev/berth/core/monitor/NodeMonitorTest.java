package dev.berth.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.api.AvailabilityPolicy;
import dev.berth.api.AvailabilityVerdict;
import dev.berth.api.GpuResources;
import dev.berth.api.GpuVerdict;
import dev.berth.api.NodeResources;
import dev.berth.api.NodeVerdict;
import dev.berth.api.ResourceProbe;
import dev.berth.api.ResourceSnapshot;
import dev.berth.testkit.SettableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The monitor's HTTP side over real HTTP. The probe here hands over prepared snapshots (the real
 * nvidia-smi probe behind a real monitor is exercised in probe-cluster's tests and in dist).
 */
class NodeMonitorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final SettableClock clock = new SettableClock(Instant.parse("2026-03-01T08:00:00Z"));
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final AtomicReference<NodeResources> node = new AtomicReference<>(
      new NodeResources("gpu-node-1", 12.0, 40.0, List.of(
          new GpuResources(0, "GPU-0", "NVIDIA H100 80GB HBM3", 1024L, 81559L, 85.0, 300.0),
          new GpuResources(1, "GPU-1", "NVIDIA H100 80GB HBM3", 0L, 81559L, 0.0, 70.0)), List.of()));
  private final List<AutoCloseable> toClose = new ArrayList<>();

  /** Hands out the prepared node, stamped with the clock, as a probe does. */
  private final ResourceProbe probe = () -> new ResourceSnapshot(clock.instant(), List.of(node.get()), List.of());

  /** Fails GPUs at or above 80 % utilization; the real rule is the thresholds plugin's. */
  private static final AvailabilityPolicy BUSY_AT_80 = snapshot -> new AvailabilityVerdict(snapshot.nodes().stream()
      .map(n -> new NodeVerdict(n.name(), List.of(), n.gpus().stream()
          .map(g -> new GpuVerdict(g.index(), g.utilizationPercent() != null && g.utilizationPercent() >= 80
              ? List.of("GPU " + g.index() + " utilization busy") : List.of()))
          .toList()))
      .toList());

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : toClose) {
      c.close();
    }
  }

  private NodeMonitor start(ResourceProbe p, Duration interval) {
    NodeMonitor m = NodeMonitor.start(p, BUSY_AT_80, new LocalThresholds(Schemas.THRESHOLDS, Map.of()),
        MonitorOptions.local("127.0.0.1", 0, interval), clock);
    toClose.add(m);
    return m;
  }

  private HttpResponse<String> get(NodeMonitor m, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + m.port() + path))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private NodeMonitor startedWithASample() {
    NodeMonitor m = start(probe, Duration.ofHours(1));
    m.sampleNow();
    return m;
  }

  @Test
  void statusHasTheReferenceFieldsWithTheirTypes() throws Exception {
    NodeMonitor m = startedWithASample();

    HttpResponse<String> r = get(m, "/status");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    JsonNode s = JSON.readTree(r.body());
    assertThat(List.of(s.fieldNames().next())).containsExactly("gpu_utilization");
    assertThat(s.get("gpu_utilization").isIntegralNumber()).isTrue();
    assertThat(s.get("gpu_utilization").asInt()).isEqualTo(43);
    assertThat(s.get("gpu_memory_used").isIntegralNumber()).isTrue();
    assertThat(s.get("gpu_memory_used").asLong()).isEqualTo(1024);
    assertThat(s.get("gpu_memory_total").asLong()).isEqualTo(2 * 81559);
    assertThat(s.get("cpu_usage").isFloatingPointNumber()).isTrue();
    assertThat(s.get("cpu_usage").asDouble()).isEqualTo(12.0);
    assertThat(s.get("memory_usage").isFloatingPointNumber()).isTrue();
    assertThat(s.get("available").isBoolean()).isTrue();
    assertThat(s.get("available").asBoolean()).isTrue();
    assertThat(s.get("node").asText()).isEqualTo("gpu-node-1");
    assertThat(s.get("taken_at").asText()).isEqualTo("2026-03-01T08:00:00Z");
    assertThat(s.get("reasons")).isEmpty();
    assertThat(s.get("gpus")).hasSize(2);
    assertThat(s.get("gpus").get(0).get("available").asBoolean()).isFalse();
    assertThat(s.get("gpus").get(0).get("reasons").get(0).asText()).isEqualTo("GPU 0 utilization busy");
    assertThat(s.get("gpus").get(1).get("memory_free").asLong()).isEqualTo(81559);
  }

  @Test
  void metricsHaveAGaugePerGpu() throws Exception {
    NodeMonitor m = startedWithASample();

    HttpResponse<String> r = get(m, "/metrics");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
    assertThat(r.body())
        .contains("berth_gpu_utilization_percent{gpu=\"0\",model=\"NVIDIA H100 80GB HBM3\",node=\"gpu-node-1\",uuid=\"GPU-0\"} 85.0")
        .contains("berth_gpu_utilization_percent{gpu=\"1\",model=\"NVIDIA H100 80GB HBM3\",node=\"gpu-node-1\",uuid=\"GPU-1\"} 0.0")
        .contains("berth_gpu_memory_used_bytes{gpu=\"0\"")
        .contains("berth_gpu_memory_total_bytes{gpu=\"1\"")
        .contains("berth_gpu_power_watts{gpu=\"0\"")
        .contains("berth_gpu_available{gpu=\"0\",model=\"NVIDIA H100 80GB HBM3\",node=\"gpu-node-1\",uuid=\"GPU-0\"} 0.0")
        .contains("berth_node_cpu_usage_percent{node=\"gpu-node-1\"} 12.0")
        .contains("berth_node_available{node=\"gpu-node-1\"} 1.0")
        .contains("berth_node_gpus{node=\"gpu-node-1\"} 2.0")
        .contains("berth_monitor_sample_duration_seconds_count")
        .contains("berth_monitor_samples_total{result=\"ok\"}");
  }

  @Test
  void aGpuThatVanishesLeavesNoSeriesBehind() throws Exception {
    NodeMonitor m = startedWithASample();
    node.set(new NodeResources("gpu-node-1", 12.0, 40.0, List.of(), List.of("nvidia-smi not found")));

    m.sampleNow();

    String metrics = get(m, "/metrics").body();
    assertThat(metrics).doesNotContain("berth_gpu_utilization_percent{").contains("berth_node_gpus{node=\"gpu-node-1\"} 0.0")
        .contains("berth_monitor_samples_total{result=\"errors\"} 1.0");
    JsonNode s = JSON.readTree(get(m, "/status").body());
    assertThat(s.get("available").asBoolean()).isFalse();
    assertThat(s.get("reasons").toString()).contains("no GPU detected").contains("nvidia-smi not found");
  }

  @Test
  void answersComeFromTheCacheWhileTheProbeIsBusy() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicReference<Boolean> block = new AtomicReference<>(false);
    ResourceProbe slow = () -> {
      if (block.get()) {
        entered.countDown();
        try {
          release.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return probe.sample();
    };
    NodeMonitor m = start(slow, Duration.ofHours(1));
    m.sampleNow();
    block.set(true);
    Thread sampling = new Thread(m::sampleNow, "test-sample");
    sampling.start();
    try {
      assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();

      assertThat(get(m, "/status").statusCode()).isEqualTo(200);
      assertThat(get(m, "/metrics").statusCode()).isEqualTo(200);
      assertThat(get(m, "/healthz").statusCode()).isEqualTo(200);
    } finally {
      release.countDown();
      sampling.join(30_000);
    }
  }

  @Test
  void beforeTheFirstSampleStatusSaysSoWith503() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    ResourceProbe never = () -> {
      try {
        release.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return probe.sample();
    };
    NodeMonitor m = start(never, Duration.ofHours(1));
    try {
      HttpResponse<String> r = get(m, "/status");
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
      assertThat(JSON.readTree(r.body()).get("detail").asText()).contains("first sample");
      assertThat(get(m, "/healthz").statusCode()).isEqualTo(503);
    } finally {
      release.countDown();
    }
  }

  @Test
  void aSampleThatGrowsOldMakesTheNodeUnavailableAndUnhealthy() throws Exception {
    NodeMonitor m = start(probe, Duration.ofSeconds(5));
    m.sampleNow();
    assertThat(get(m, "/healthz").statusCode()).isEqualTo(200);

    clock.advance(Duration.ofSeconds(26));

    JsonNode s = JSON.readTree(get(m, "/status").body());
    assertThat(s.get("available").asBoolean()).isFalse();
    assertThat(s.get("reasons").toString()).contains("last sample is 26 s old");
    HttpResponse<String> health = get(m, "/healthz");
    assertThat(health.statusCode()).isEqualTo(503);
    assertThat(JSON.readTree(health.body()).get("status").asText()).isEqualTo("stale");
  }

  @Test
  void unknownPathsAreProblemsNotStackTraces() throws Exception {
    NodeMonitor m = startedWithASample();

    HttpResponse<String> r = get(m, "/nope");

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
    assertThat(JSON.readTree(r.body()).get("title").asText()).containsIgnoringCase("not found");
    HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + m.port() + "/status"))
        .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isIn(404, 405);
    assertThat(post.body()).doesNotContain("Exception");
  }

  @Test
  void aProbeThatThrowsIsReportedNotFatal() throws Exception {
    ResourceProbe broken = () -> {
      throw new IllegalStateException("driver gone");
    };
    NodeMonitor m = start(broken, Duration.ofHours(1));
    m.sampleNow();

    JsonNode s = JSON.readTree(get(m, "/status").body());

    assertThat(s.get("available").asBoolean()).isFalse();
    assertThat(s.get("errors").toString()).contains("probe failed: driver gone");
  }
}
