package dev.berth.bench.plugin;

import dev.berth.api.GpuResources;
import dev.berth.api.NodeResources;
import dev.berth.api.PluginConfig;
import dev.berth.api.PluginContext;
import dev.berth.api.ResourceProbe;
import dev.berth.api.ResourceSnapshot;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.pf4j.Extension;

/**
 * A benchmark probe (plugin {@code bench}, section {@code probe.bench}) that always has capacity: one
 * node whose GPUs are all idle, with CPU and memory at 0 %. It measures nothing, so the scheduler's
 * decisions depend only on run slots and reservations, never on the machine the benchmark runs on.
 *
 * <p>Keys: {@code node} (default {@code bench}), {@code gpus} (default 8, 0–64), {@code
 * gpuMemoryMiB} (default 81559), and {@code error} (default empty): when set, the node is reported
 * with no GPUs and this error, as a probe whose tool failed.
 */
@Extension
public final class SteadyProbe implements ResourceProbe {
  static final int MAX_GPUS = 64;

  private final Clock clock;
  private final String node;
  private final String error;
  private final List<GpuResources> gpus;

  public SteadyProbe(PluginContext context) {
    PluginConfig config = context.config();
    this.clock = context.clock();
    this.node = config.getString("node", "bench");
    if (node.isBlank()) {
      throw new IllegalArgumentException("config " + config.path() + ".node must not be blank");
    }
    int count = config.getInt("gpus", 8);
    if (count < 0 || count > MAX_GPUS) {
      throw new IllegalArgumentException(
          "config " + config.path() + ".gpus must be from 0 to " + MAX_GPUS + ", was " + count);
    }
    long memory = config.getLong("gpuMemoryMiB", 81559);
    if (memory <= 0) {
      throw new IllegalArgumentException("config " + config.path() + ".gpuMemoryMiB must be positive, was " + memory);
    }
    this.error = config.getString("error", "").trim();
    List<GpuResources> list = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      list.add(new GpuResources(i, String.format(Locale.ROOT, "GPU-bench-%04d", i), "Bench GPU", 0L, memory, 0.0, 0.0));
    }
    this.gpus = List.copyOf(list);
  }

  @Override
  public ResourceSnapshot sample() {
    NodeResources only = error.isEmpty()
        ? new NodeResources(node, 0.0, 0.0, gpus, List.of())
        : new NodeResources(node, 0.0, 0.0, List.of(), List.of(error));
    return new ResourceSnapshot(clock.instant(), List.of(only), List.of());
  }
}
