package dev.berth.core.idle;

import dev.berth.api.GpuResources;
import dev.berth.api.Job;
import dev.berth.api.NodeResources;
import dev.berth.api.ResourceSnapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * The probe's figures for the GPUs a job holds (its placement's node and indexes). Empty when the
 * job holds no GPU, its node is not in the sample, or any of its GPUs has no utilisation figure:
 * the guard judges only what it measured, never a job it cannot see.
 */
final class JobGpus {
  private JobGpus() {}

  static List<GpuResources> of(Job job, ResourceSnapshot snapshot) {
    if (job.placement() == null || job.placement().gpus().isEmpty()) {
      return List.of();
    }
    NodeResources node = snapshot.nodes().stream().filter(n -> n.name().equals(job.placement().node()))
        .findFirst().orElse(null);
    if (node == null) {
      return List.of();
    }
    List<GpuResources> out = new ArrayList<>();
    for (int index : job.placement().gpus()) {
      GpuResources g = node.gpus().stream().filter(x -> x.index() == index).findFirst().orElse(null);
      if (g == null || g.utilizationPercent() == null) {
        return List.of();
      }
      out.add(g);
    }
    return out;
  }
}
