package dev.berth.probe.nvidia;

import dev.berth.api.NodeResources;
import dev.berth.api.PluginContext;
import dev.berth.api.ResourceProbe;
import dev.berth.api.ResourceSnapshot;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.pf4j.Extension;
import org.slf4j.Logger;

/**
 * Measures the machine Berth runs on: GPUs from {@code nvidia-smi}, host CPU and memory from
 * {@code /proc} (or from the container's cgroup v2 limits). Reports one node.
 *
 * <p>Configuration, section {@code probe.nvidia-smi}:
 *
 * <ul>
 *   <li>{@code command} ({@code nvidia-smi}): a path or a name on PATH, or a list used as an argv
 *       prefix ({@code [ssh, gpu-1, nvidia-smi]}); the query arguments are appended.
 *   <li>{@code timeoutMillis} (2000): how long nvidia-smi may run before it is killed and the
 *       sample reports "nvidia-smi timed out after 2000 ms".
 *   <li>{@code procRoot} ({@code /proc}), {@code cgroupRoot} ({@code /sys/fs/cgroup}): where the
 *       host figures are read.
 *   <li>{@code useCgroup} ({@code auto}): {@code auto} reads the cgroup where it sets a limit,
 *       {@code true} always reads it, {@code false} always reads /proc.
 *   <li>{@code node} (the host name): the node name to report.
 * </ul>
 *
 * <p>Never throws from {@link #sample()}: every failure (nvidia-smi missing, hanging, failing, an
 * unreadable line, an unreadable /proc file) becomes an error of the node, which is still listed.
 *
 * <p>CPU is a busy share over the interval since the previous sample, so a sample needs no sleep.
 * The very first sample has no previous one: it takes a baseline before running nvidia-smi and
 * reads again after, waiting out the rest of {@value #FIRST_INTERVAL_MILLIS} ms if nvidia-smi was
 * quicker. That first figure therefore includes nvidia-smi's own start-up work. It is still null
 * when the counters did not move (only possible with fixture files) or the clock did not advance
 * (cgroup mode under a test clock).
 */
@Extension
public final class NvidiaSmiProbe implements ResourceProbe {

  static final long FIRST_INTERVAL_MILLIS = 100;

  private final Clock clock;
  private final Logger log;
  private final String node;
  private final NvidiaSmiCommand command;
  private final HostMeter host;
  private boolean sampledBefore;
  private List<String> lastErrors = List.of();

  public NvidiaSmiProbe(PluginContext context) {
    NvidiaSmiProbeConfig config = NvidiaSmiProbeConfig.from(context.config());
    this.clock = context.clock();
    this.log = context.logger();
    this.node = config.node() != null ? config.node() : HostName.local();
    this.command = new NvidiaSmiCommand(config.command(), config.timeout(), context.dataDir());
    ProcFiles proc = new ProcFiles(config.procRoot());
    CgroupFiles cgroup = new CgroupFiles(config.cgroupRoot());
    this.host =
        new HostMeter(
            new CpuMeter(proc, cgroup, config.cgroupMode(), clock),
            new MemoryMeter(proc, cgroup, config.cgroupMode()));
  }

  @Override
  public synchronized ResourceSnapshot sample() {
    NodeResources measured;
    try {
      measured = measure();
    } catch (RuntimeException e) {
      // The contract: report, never throw. Reaching here is a bug, so keep the stack trace.
      log.error("nvidia-smi probe failed unexpectedly", e);
      measured = new NodeResources(node, null, null, List.of(), List.of("probe failed: " + e));
    }
    logChangedErrors(measured.errors());
    return new ResourceSnapshot(clock.instant(), List.of(measured), List.of());
  }

  private NodeResources measure() {
    boolean first = !sampledBefore;
    sampledBefore = true;
    long startedNanos = System.nanoTime();
    if (first) {
      host.baseline();
    }
    GpuReading gpus = readGpus();
    if (first) {
      waitForFirstInterval(startedNanos);
    }
    HostUsage usage = host.measure();
    List<String> errors = new ArrayList<>(gpus.errors());
    errors.addAll(usage.errors());
    return new NodeResources(node, usage.cpuPercent(), usage.memoryPercent(), gpus.gpus(), errors);
  }

  private GpuReading readGpus() {
    try {
      return NvidiaSmiOutputParser.parse(command.run());
    } catch (ProbeFailure e) {
      return GpuReading.failed(e.getMessage());
    }
  }

  /** One wait, only on the very first sample, so its CPU interval is long enough to mean something. */
  private static void waitForFirstInterval(long startedNanos) {
    long remaining =
        TimeUnit.MILLISECONDS.toNanos(FIRST_INTERVAL_MILLIS) - (System.nanoTime() - startedNanos);
    if (remaining <= 0) {
      return;
    }
    try {
      TimeUnit.NANOSECONDS.sleep(remaining);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Says so once when errors appear or change, and once when they clear: not every 5 s. */
  private void logChangedErrors(List<String> errors) {
    if (errors.equals(lastErrors)) {
      return;
    }
    if (errors.isEmpty()) {
      log.info("nvidia-smi probe recovered on {}", node);
    } else {
      log.warn("nvidia-smi probe on {}: {}", node, String.join("; ", errors));
    }
    lastErrors = List.copyOf(errors);
  }
}
