package dev.berth.core.scheduler;

import dev.berth.api.GpuResources;
import dev.berth.api.NodeResources;
import dev.berth.api.NodeVerdict;
import dev.berth.api.ResourceSnapshot;
import java.util.Map;

/** How many GPUs a pass could still hand out: eligible by every policy and reserved by no job. */
final class FreeGpus {
  private FreeGpus() {}

  static int count(ResourceSnapshot snapshot, Map<String, NodeVerdict> verdicts, Reservations reserved) {
    if (snapshot == null) {
      return 0;
    }
    int free = 0;
    for (NodeResources node : snapshot.nodes()) {
      NodeVerdict verdict = verdicts.get(node.name());
      if (verdict == null || !verdict.hostEligible()) {
        continue;
      }
      boolean inOrder = GpuVerdicts.numberedInOrder(verdict);
      for (GpuResources gpu : node.gpus()) {
        if (reserved.holder(node.name(), gpu.index()) == null && GpuVerdicts.eligible(verdict, gpu.index(), inOrder)) {
          free++;
        }
      }
    }
    return free;
  }
}
