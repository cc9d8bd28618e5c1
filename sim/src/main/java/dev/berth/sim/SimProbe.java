package dev.berth.sim;

import dev.berth.api.GpuResources;
import dev.berth.api.NodeResources;
import dev.berth.api.ResourceProbe;
import dev.berth.api.ResourceSnapshot;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulated probe: the cluster's nodes and GPUs, each GPU busy (full memory, 100 %) only while
 * a simulated run holds it, idle otherwise, so an availability policy judges what it would see.
 * Every GPU's two readings are made once: a sample runs at every simulated event.
 */
final class SimProbe implements ResourceProbe {
  private static final long MEMORY_MIB = 81_920;

  private final Cluster cluster;
  private final SimExecutor executor;
  private final Clock clock;
  private final Map<String, Integer> nodeIndex = new HashMap<>();
  private final GpuResources[][] idle;
  private final GpuResources[][] busy;

  SimProbe(Cluster cluster, SimExecutor executor, Clock clock) {
    this.cluster = cluster;
    this.executor = executor;
    this.clock = clock;
    int n = cluster.nodes().size();
    idle = new GpuResources[n][];
    busy = new GpuResources[n][];
    for (int i = 0; i < n; i++) {
      Cluster.Node node = cluster.nodes().get(i);
      nodeIndex.put(node.name(), i);
      idle[i] = new GpuResources[node.gpus()];
      busy[i] = new GpuResources[node.gpus()];
      for (int g = 0; g < node.gpus(); g++) {
        String uuid = node.name() + "-gpu-" + g;
        idle[i][g] = new GpuResources(g, uuid, "simulated GPU", 0L, MEMORY_MIB, 0.0, 50.0);
        busy[i][g] = new GpuResources(g, uuid, "simulated GPU", MEMORY_MIB, MEMORY_MIB, 100.0, 300.0);
      }
    }
  }

  @Override
  public ResourceSnapshot sample() {
    boolean[][] held = new boolean[idle.length][];
    for (SimExecutor.Run r : executor.running()) {
      if (r.job().placement() != null) {
        Integer i = nodeIndex.get(r.job().placement().node());
        if (i != null) {
          if (held[i] == null) {
            held[i] = new boolean[idle[i].length];
          }
          for (int g : r.job().placement().gpus()) {
            held[i][g] = true;
          }
        }
      }
    }
    List<NodeResources> nodes = new ArrayList<>(idle.length);
    for (int i = 0; i < idle.length; i++) {
      GpuResources[] gpus = new GpuResources[idle[i].length];
      for (int g = 0; g < gpus.length; g++) {
        gpus[g] = held[i] != null && held[i][g] ? busy[i][g] : idle[i][g];
      }
      nodes.add(new NodeResources(cluster.nodes().get(i).name(), 0.0, 0.0, List.of(gpus), List.of()));
    }
    return new ResourceSnapshot(clock.instant(), nodes, List.of());
  }
}
