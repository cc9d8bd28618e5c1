package dev.berth.sim;

import dev.berth.api.GpuResources;
import dev.berth.api.NodeResources;
import dev.berth.api.ResourceProbe;
import dev.berth.api.ResourceSnapshot;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The simulated probe: the cluster's nodes and GPUs, each GPU busy (full memory, 100 %) only while
 * a simulated run holds it, idle otherwise, so an availability policy judges what it would see.
 */
final class SimProbe implements ResourceProbe {
  private static final long MEMORY_MIB = 81_920;

  private final Cluster cluster;
  private final SimExecutor executor;
  private final Clock clock;

  SimProbe(Cluster cluster, SimExecutor executor, Clock clock) {
    this.cluster = cluster;
    this.executor = executor;
    this.clock = clock;
  }

  @Override
  public ResourceSnapshot sample() {
    Set<String> held = new HashSet<>();
    for (SimExecutor.Run r : executor.running()) {
      if (r.job().placement() != null) {
        for (int g : r.job().placement().gpus()) {
          held.add(r.job().placement().node() + "/" + g);
        }
      }
    }
    List<NodeResources> nodes = new ArrayList<>(cluster.nodes().size());
    for (Cluster.Node n : cluster.nodes()) {
      List<GpuResources> gpus = new ArrayList<>(n.gpus());
      for (int g = 0; g < n.gpus(); g++) {
        boolean busy = held.contains(n.name() + "/" + g);
        gpus.add(new GpuResources(g, n.name() + "-gpu-" + g, "simulated GPU", busy ? MEMORY_MIB : 0L, MEMORY_MIB,
            busy ? 100.0 : 0.0, busy ? 300.0 : 50.0));
      }
      nodes.add(new NodeResources(n.name(), 0.0, 0.0, gpus, List.of()));
    }
    return new ResourceSnapshot(clock.instant(), nodes, List.of());
  }
}
