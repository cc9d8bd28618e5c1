package dev.berth.probe.cluster;

import dev.berth.api.GpuResources;
import dev.berth.api.ResourceProbe;
import dev.berth.core.monitor.MonitorOptions;
import dev.berth.core.monitor.NodeMonitor;
import dev.berth.core.monitor.ThresholdSources;
import dev.berth.policy.thresholds.ThresholdsPolicy;
import dev.berth.probe.nvidia.NvidiaSmiProbe;
import dev.berth.testkit.FakeNvidiaSmi;
import dev.berth.testkit.TestPluginContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * A real node monitor in this JVM, as {@code berth monitor} runs it: core's {@link NodeMonitor}
 * serving real HTTP on a loopback port, sampling with the real nvidia-smi probe (against the
 * stand-in script, and a still /proc) and judging with the real thresholds policy. Only the GPU is
 * faked, at the process boundary.
 */
final class InProcessMonitor implements AutoCloseable {
  final String node;
  final FakeNvidiaSmi smi;
  private final NvidiaSmiProbe probe;
  private NodeMonitor monitor;
  private final int port;

  private InProcessMonitor(Path dir, String node, Clock clock, GpuResources... gpus) {
    this.node = node;
    this.smi = FakeNvidiaSmi.install(dir.resolve("bin")).setGpus(gpus);
    Path proc = dir.resolve("proc");
    copyProc(proc);
    this.probe = new NvidiaSmiProbe(new TestPluginContext("nvidia-smi", Map.of(
        "command", smi.command().toString(), "procRoot", proc.toString(), "node", node,
        "cgroupRoot", dir.resolve("no-cgroup").toString(), "useCgroup", "false"), clock, dir.resolve("data")));
    ThresholdsPolicy policy = new ThresholdsPolicy(new TestPluginContext("thresholds", Map.of(), clock, dir.resolve("policy")));
    // An hour between samples: the tests take samples themselves, so each sees what it set.
    MonitorOptions options = MonitorOptions.local("127.0.0.1", 0, Duration.ofHours(1));
    this.monitor = NodeMonitor.start(probe, policy, ThresholdSources.create(policy.settingsSchema(), options, clock),
        options, clock);
    this.port = monitor.port();
    monitor.sampleNow();
  }

  /** Starts a monitor for {@code node} whose stand-in nvidia-smi lists {@code gpus}. */
  static InProcessMonitor start(Path dir, String node, Clock clock, GpuResources... gpus) {
    return new InProcessMonitor(dir, node, clock, gpus);
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** Makes the stand-in report these GPUs and takes a sample, so /status shows them. */
  void gpus(GpuResources... gpus) {
    smi.setGpus(gpus);
    monitor.sampleNow();
  }

  /** Stops the monitor: its port closes, as when the process dies. */
  void stop() {
    if (monitor != null) {
      monitor.close();
      monitor = null;
    }
  }

  @Override
  public void close() {
    stop();
  }

  private static void copyProc(Path proc) {
    try {
      Files.createDirectories(proc);
      for (String file : new String[] {"stat", "meminfo"}) {
        try (InputStream in = InProcessMonitor.class.getResourceAsStream("proc/" + file)) {
          Files.copy(in, proc.resolve(file));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
