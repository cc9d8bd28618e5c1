package dev.berth.probe.cluster;

import dev.berth.api.AvailabilityPolicy;
import dev.berth.api.AvailabilityVerdict;
import dev.berth.api.GpuVerdict;
import dev.berth.api.NodeResources;
import dev.berth.api.NodeVerdict;
import dev.berth.api.PluginContext;
import dev.berth.api.ResourceSnapshot;
import java.util.ArrayList;
import java.util.List;
import org.pf4j.Extension;

/**
 * Takes no job on a node the probe could not measure at all: errors, and no CPU, memory or GPU
 * figure. That is a node whose monitor did not answer. The {@code thresholds} policy lets such a
 * node through for CPU-only jobs, since on one machine a missing nvidia-smi must not stop them;
 * in a cluster it would send them to a dead node. The node's errors are the reasons.
 *
 * <p>Enabled with {@code extensions.policies: [thresholds, cluster]}. Works with any probe.
 */
@Extension
public final class UnmeasuredNodePolicy implements AvailabilityPolicy {

  public UnmeasuredNodePolicy(PluginContext context) {
    // Needs nothing from the host: the rule reads only the snapshot.
  }

  @Override
  public AvailabilityVerdict judge(ResourceSnapshot snapshot) {
    List<NodeVerdict> nodes = new ArrayList<>(snapshot.nodes().size());
    for (NodeResources node : snapshot.nodes()) {
      boolean unmeasured = !node.errors().isEmpty() && node.cpuPercent() == null && node.memoryPercent() == null
          && node.gpus().isEmpty();
      List<GpuVerdict> gpus = node.gpus().stream().map(g -> new GpuVerdict(g.index(), List.of())).toList();
      nodes.add(new NodeVerdict(node.name(), unmeasured ? node.errors() : List.of(), gpus));
    }
    return new AvailabilityVerdict(nodes);
  }
}
