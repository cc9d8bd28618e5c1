package dev.berth.probe.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.GpuResources;
import dev.berth.api.NodeResources;
import dev.berth.api.ResourceSnapshot;
import dev.berth.testkit.FakeNvidiaSmi;
import dev.berth.testkit.SettableClock;
import dev.berth.testkit.TestPluginContext;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cluster probe against real monitors on loopback ports, one of them stopped mid-test. */
class ClusterProbeTest {
  @TempDir Path dir;
  private final SettableClock monitorClock = new SettableClock(Instant.parse("2026-03-01T08:00:00Z"));
  private final SettableClock serverClock = new SettableClock(Instant.parse("2026-03-01T08:00:00Z"));
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
  }

  private InProcessMonitor monitor(String node, GpuResources... gpus) {
    InProcessMonitor m = InProcessMonitor.start(dir.resolve(node), node, monitorClock, gpus);
    toClose.add(m);
    return m;
  }

  private StandInServer standIn() {
    StandInServer s = new StandInServer();
    toClose.add(s);
    return s;
  }

  private ClusterProbe probe(List<Object> monitors, Map<String, Object> more) {
    Map<String, Object> config = new LinkedHashMap<>(more);
    config.put("monitors", monitors);
    ClusterProbe p = new ClusterProbe(new TestPluginContext("cluster", config, serverClock, dir.resolve("server")));
    toClose.add(p);
    return p;
  }

  private static NodeResources node(ResourceSnapshot s, String name) {
    return s.nodes().stream().filter(n -> n.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no node " + name + " in " + s.nodes()));
  }

  @Test
  void everyMonitorIsANodeWithItsOwnGpus() {
    InProcessMonitor a = monitor("gpu-node-1", FakeNvidiaSmi.idleGpu(0), FakeNvidiaSmi.gpu(1, 60000, 81559, 90.0));
    InProcessMonitor b = monitor("gpu-node-2", FakeNvidiaSmi.gpu(0, 1024, 24576, 10.0));
    InProcessMonitor c = monitor("gpu-node-3");
    c.gpus();
    ClusterProbe probe = probe(List.of(a.url().toString(), b.url().toString(), c.url().toString()), Map.of());

    ResourceSnapshot s = probe.sample();

    assertThat(s.takenAt()).isEqualTo(serverClock.instant());
    assertThat(s.errors()).isEmpty();
    assertThat(s.nodes()).extracting(NodeResources::name).containsExactly("gpu-node-1", "gpu-node-2", "gpu-node-3");
    NodeResources one = node(s, "gpu-node-1");
    assertThat(one.errors()).isEmpty();
    assertThat(one.memoryPercent()).isEqualTo(25.0);
    assertThat(one.gpus()).hasSize(2);
    GpuResources busy = one.gpus().get(1);
    assertThat(busy.index()).isEqualTo(1);
    assertThat(busy.uuid()).isEqualTo(FakeNvidiaSmi.uuid(1));
    assertThat(busy.name()).isEqualTo("NVIDIA H100 80GB HBM3");
    assertThat(busy.memoryUsedMiB()).isEqualTo(60000);
    assertThat(busy.memoryTotalMiB()).isEqualTo(81559);
    assertThat(busy.utilizationPercent()).isEqualTo(90.0);
    assertThat(busy.powerWatts()).isEqualTo(610.0);
    assertThat(node(s, "gpu-node-2").gpus()).singleElement().satisfies(g -> assertThat(g.memoryFreeMiB()).isEqualTo(23552));
    assertThat(node(s, "gpu-node-3").gpus()).isEmpty();
  }

  @Test
  void aMonitorStoppedMidTestStaysAsANodeWithTheReason() {
    InProcessMonitor a = monitor("gpu-node-1", FakeNvidiaSmi.idleGpu(0));
    InProcessMonitor b = monitor("gpu-node-2", FakeNvidiaSmi.idleGpu(0), FakeNvidiaSmi.idleGpu(1));
    InProcessMonitor c = monitor("gpu-node-3", FakeNvidiaSmi.idleGpu(0));
    ClusterProbe probe = probe(List.of(a.url().toString(), b.url().toString(), c.url().toString()),
        Map.of("retryBackoffMillis", 20));
    assertThat(probe.sample().nodes()).allSatisfy(n -> assertThat(n.gpus()).isNotEmpty());

    b.stop();
    serverClock.advance(Duration.ofSeconds(5));
    ResourceSnapshot s = probe.sample();

    assertThat(s.nodes()).extracting(NodeResources::name)
        .as("the stopped node keeps the name it reported").containsExactly("gpu-node-1", "gpu-node-2", "gpu-node-3");
    NodeResources lost = node(s, "gpu-node-2");
    assertThat(lost.gpus()).isEmpty();
    assertThat(lost.cpuPercent()).isNull();
    assertThat(lost.memoryPercent()).isNull();
    assertThat(lost.errors()).singleElement().asString()
        .startsWith("monitor on gpu-node-2 refused the connection (" + b.url() + "/status, 4 attempts)");
    assertThat(node(s, "gpu-node-1").gpus()).hasSize(1);
    assertThat(node(s, "gpu-node-3").errors()).isEmpty();
  }

  @Test
  void figuresFollowTheMonitorsLaterSamples() {
    InProcessMonitor a = monitor("gpu-node-1", FakeNvidiaSmi.idleGpu(0));
    ClusterProbe probe = probe(List.of(a.url().toString()), Map.of());
    assertThat(probe.sample().nodes().get(0).gpus().get(0).utilizationPercent()).isEqualTo(0.0);

    a.gpus(FakeNvidiaSmi.gpu(0, 70000, 81559, 99.0));

    assertThat(probe.sample().nodes().get(0).gpus().get(0).utilizationPercent()).isEqualTo(99.0);
  }

  @Test
  void aConfiguredNodeNameWinsAndAHangingMonitorTimesOut() {
    InProcessMonitor a = monitor("gpu-node-1", FakeNvidiaSmi.idleGpu(0));
    StandInServer hanging = standIn().hang();
    ClusterProbe probe = probe(List.of(Map.of("url", a.url().toString(), "node", "rack-1-node-1"),
        Map.of("url", hanging.url().toString(), "node", "gpu-node-2")),
        Map.of("timeoutMillis", 300, "retryBackoffMillis", 10, "deadlineMillis", 2000));

    ResourceSnapshot s = probe.sample();

    assertThat(s.nodes()).extracting(NodeResources::name).containsExactly("rack-1-node-1", "gpu-node-2");
    assertThat(node(s, "gpu-node-2").errors()).singleElement().asString()
        .startsWith("monitor on gpu-node-2 timed out after 300 ms (" + hanging.url());
    assertThat(hanging.requests()).as("retried while the deadline allowed").isGreaterThan(1);
  }

  @Test
  void serverErrorsAreRetriedAndClientErrorsAreNot() {
    StandInServer failing = standIn().answer(503, "{\"title\":\"busy\"}");
    StandInServer missing = standIn().answer(404, "not here");
    ClusterProbe probe = probe(List.of(Map.of("url", failing.url().toString(), "node", "gpu-node-4"),
        Map.of("url", missing.url().toString(), "node", "gpu-node-5")), Map.of("retryBackoffMillis", 10));

    ResourceSnapshot s = probe.sample();

    assertThat(node(s, "gpu-node-4").errors()).singleElement().asString()
        .startsWith("monitor on gpu-node-4 answered HTTP 503").contains("4 attempts");
    assertThat(node(s, "gpu-node-5").errors()).singleElement().asString()
        .startsWith("monitor on gpu-node-5 answered HTTP 404").contains("1 attempt)");
    assertThat(failing.requests()).isEqualTo(4);
    assertThat(missing.requests()).isEqualTo(1);
  }

  @Test
  void nonsenseIsAReasonNotAFigure() {
    StandInServer html = standIn().answer(200, "<html>login</html>");
    StandInServer wild = standIn().answer(200, """
        {"node":"gpu-node-7","cpu_usage":250.0,"memory_usage":"lots","gpus":[
          {"index":0,"memory_used":-5,"memory_total":81559,"utilization":40},
          {"index":0,"memory_used":0,"memory_total":81559},
          {"memory_used":0}]}""");
    ClusterProbe probe = probe(List.of(Map.of("url", html.url().toString(), "node", "gpu-node-6"),
        wild.url().toString()), Map.of());

    ResourceSnapshot s = probe.sample();

    assertThat(node(s, "gpu-node-6").errors()).singleElement().asString()
        .startsWith("monitor on gpu-node-6 sent a status that is not JSON");
    NodeResources seven = node(s, "gpu-node-7");
    assertThat(seven.cpuPercent()).isNull();
    assertThat(seven.memoryPercent()).isNull();
    assertThat(seven.gpus()).singleElement().satisfies(g -> {
      assertThat(g.memoryUsedMiB()).isNull();
      assertThat(g.utilizationPercent()).isEqualTo(40.0);
    });
    assertThat(seven.errors()).containsExactly(
        "monitor on gpu-node-7 sent cpu_usage 250.0, not a percentage",
        "monitor on gpu-node-7 sent memory_usage that is not a number",
        "monitor on gpu-node-7 sent a negative GPU 0 memory_used",
        "monitor on gpu-node-7 sent GPU 0 twice; the second skipped",
        "monitor on gpu-node-7 sent a GPU without a valid index");
  }

  @Test
  void aReferenceDesignMonitorIsReadAsOneGpu() {
    StandInServer reference = standIn().answer(200, """
        {"gpu_utilization": 35, "gpu_memory_used": 3000, "gpu_memory_total": 10240,
         "cpu_usage": 12.5, "memory_usage": 40.1, "available": true}""");
    ClusterProbe probe = probe(List.of(Map.of("url", reference.url().toString(), "node", "rtx-3080")), Map.of());

    NodeResources node = probe.sample().nodes().get(0);

    assertThat(node.errors()).isEmpty();
    assertThat(node.cpuPercent()).isEqualTo(12.5);
    assertThat(node.gpus()).singleElement().satisfies(g -> {
      assertThat(g.index()).isZero();
      assertThat(g.memoryFreeMiB()).isEqualTo(7240);
      assertThat(g.utilizationPercent()).isEqualTo(35.0);
    });
  }

  @Test
  void aSampleOlderThanTheLimitCountsAsNone() {
    InProcessMonitor a = monitor("gpu-node-1", FakeNvidiaSmi.idleGpu(0));
    ClusterProbe probe = probe(List.of(a.url().toString()), Map.of("maxSampleAgeSeconds", 60));

    serverClock.advance(Duration.ofSeconds(61));
    NodeResources node = probe.sample().nodes().get(0);

    assertThat(node.name()).isEqualTo("gpu-node-1");
    assertThat(node.gpus()).isEmpty();
    assertThat(node.errors()).singleElement().asString()
        .startsWith("monitor on gpu-node-1 sent a sample 61 s old (taken at 2026-03-01T08:00:00Z; limit 60 s)");
  }

  @Test
  void twoMonitorsClaimingOneNodeKeepTheFirst() {
    InProcessMonitor a = monitor("gpu-node-1", FakeNvidiaSmi.idleGpu(0));
    InProcessMonitor twin = InProcessMonitor.start(dir.resolve("twin"), "gpu-node-1", monitorClock, FakeNvidiaSmi.idleGpu(0));
    toClose.add(twin);
    ClusterProbe probe = probe(List.of(a.url().toString(), twin.url().toString()), Map.of());

    ResourceSnapshot s = probe.sample();

    assertThat(s.nodes()).singleElement().satisfies(n -> assertThat(n.errors()).singleElement().asString()
        .contains("a second monitor reports node gpu-node-1 (" + twin.url() + "/status)"));
  }
}
