package dev.berth.core.scheduler;

import dev.berth.api.GpuResources;
import dev.berth.api.NodeResources;
import dev.berth.api.ResourceProbe;
import dev.berth.api.ResourceSnapshot;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * A probe that reports what the test set, stamped with the test's clock: idle GPUs by default, or
 * any snapshot (busy GPUs, errors, several nodes). Null until the test sets something, so "waiting
 * for the first resource sample" can be tested too.
 */
final class SettableProbe implements ResourceProbe {
  private final Clock clock;
  private volatile ResourceSnapshot next;

  SettableProbe(Clock clock) {
    this.clock = clock;
  }

  void set(ResourceSnapshot snapshot) {
    this.next = snapshot;
  }

  @Override
  public ResourceSnapshot sample() {
    ResourceSnapshot s = next;
    return s == null ? null : new ResourceSnapshot(clock.instant(), s.nodes(), s.errors());
  }

  /** A node with {@code count} idle GPUs, indexes 0 to count − 1. */
  static NodeResources idleNode(String name, int count) {
    List<GpuResources> gpus = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      gpus.add(gpu(i, 0));
    }
    return new NodeResources(name, 5.0, 20.0, gpus, List.of());
  }

  /** One 80 GiB GPU at {@code utilizationPercent}, with memory in use to match. */
  static GpuResources gpu(int index, double utilizationPercent) {
    long total = 81_920;
    return new GpuResources(index, "GPU-" + index, "Stand-in H100", (long) (total * utilizationPercent / 100), total,
        utilizationPercent, 70.0);
  }
}
