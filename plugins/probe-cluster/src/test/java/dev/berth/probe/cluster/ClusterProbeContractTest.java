package dev.berth.probe.cluster;

import dev.berth.api.ResourceProbe;
import dev.berth.testkit.FakeNvidiaSmi;
import dev.berth.testkit.TestPluginContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

class ClusterProbeContractTest extends dev.berth.testkit.ResourceProbeContract {
  private final List<InProcessMonitor> monitors = new ArrayList<>();

  @AfterEach
  void stopMonitors() {
    monitors.forEach(InProcessMonitor::close);
  }

  @Override
  protected ResourceProbe createProbe(Clock clock, Path workDir) {
    InProcessMonitor a = InProcessMonitor.start(workDir.resolve("a"), "gpu-node-1", clock,
        FakeNvidiaSmi.idleGpu(0), FakeNvidiaSmi.gpu(1, 40000, 81559, 55.0));
    InProcessMonitor b = InProcessMonitor.start(workDir.resolve("b"), "gpu-node-2", clock, FakeNvidiaSmi.idleGpu(0));
    monitors.add(a);
    monitors.add(b);
    return new ClusterProbe(new TestPluginContext("cluster",
        Map.of("monitors", List.of(a.url().toString(), b.url().toString())), clock, workDir.resolve("healthy")));
  }

  @Override
  protected ResourceProbe createFailingProbe(Clock clock, Path workDir) {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ClusterProbe(new TestPluginContext("cluster", Map.of(
        "monitors", List.of("http://127.0.0.1:" + closed), "retries", 1, "retryBackoffMillis", 10),
        clock, workDir.resolve("failing")));
  }
}
