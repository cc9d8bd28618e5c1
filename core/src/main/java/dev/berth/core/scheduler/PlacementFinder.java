package dev.berth.core.scheduler;

import dev.berth.api.GpuResources;
import dev.berth.api.GpuVerdict;
import dev.berth.api.Job;
import dev.berth.api.NodeResources;
import dev.berth.api.NodeVerdict;
import dev.berth.api.Placement;
import dev.berth.api.ResourceSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds GPUs for one job on one node: eligible by every policy and not reserved. Among the nodes
 * that fit, it takes the one with the fewest free GPUs (best fit), leaving whole nodes for bigger
 * jobs. Pure: no I/O, no clock.
 */
public final class PlacementFinder {
  private PlacementFinder() {}

  /** Where {@code job} can start now; when nowhere, every reason, GPU by GPU and node by node. */
  public static PlacementDecision place(
      Job job, ResourceSnapshot snapshot, Map<String, NodeVerdict> verdicts, Reservations reserved) {
    Placement fit = fit(job, snapshot, verdicts, reserved);
    return fit != null ? PlacementDecision.at(fit) : explain(job, snapshot, verdicts, reserved);
  }

  /**
   * {@link #place}, with one summary reason when the job cannot start: for the jobs a pass looks at
   * after the first that cannot, whose users need to know that GPUs are taken, not by whom, and
   * for which the per-GPU sentences were most of a busy pass's time.
   */
  static PlacementDecision placeBriefly(
      Job job, ResourceSnapshot snapshot, Map<String, NodeVerdict> verdicts, Reservations reserved) {
    Placement fit = fit(job, snapshot, verdicts, reserved);
    return fit != null ? PlacementDecision.at(fit) : notPlacedBriefly(job, snapshot);
  }

  /** What {@link #placeBriefly} answers when it finds no placement. */
  static PlacementDecision notPlacedBriefly(Job job, ResourceSnapshot snapshot) {
    return snapshot == null
        ? PlacementDecision.blocked(Blockage.of(ReasonCode.PROBE, "waiting for the first resource sample"))
        : PlacementDecision.blocked(Blockage.of(ReasonCode.RESOURCES, job.gpus() == 0
            ? "no node is available" : "no node has " + job.gpus() + " free GPU(s)"));
  }

  /** The best-fit placement, or null; the same choice {@link #explain} describes, without words. */
  private static Placement fit(
      Job job, ResourceSnapshot snapshot, Map<String, NodeVerdict> verdicts, Reservations reserved) {
    if (snapshot == null) {
      return null;
    }
    Placement best = null;
    int bestFree = Integer.MAX_VALUE;
    for (NodeResources node : snapshot.nodes()) {
      NodeVerdict verdict = verdicts.get(node.name());
      if (verdict == null || !verdict.hostEligible()) {
        continue;
      }
      if (job.gpus() == 0) {
        return new Placement(node.name(), List.of());
      }
      if (node.gpus().size() < job.gpus()) {
        continue;
      }
      boolean inOrder = GpuVerdicts.numberedInOrder(verdict);
      List<Integer> free = new ArrayList<>();
      for (GpuResources gpu : node.gpus()) {
        if (reserved.holder(node.name(), gpu.index()) == null && GpuVerdicts.eligible(verdict, gpu.index(), inOrder)) {
          free.add(gpu.index());
        }
      }
      if (free.size() >= job.gpus() && free.size() < bestFree) {
        free.sort(Integer::compare);
        best = new Placement(node.name(), List.copyOf(free.subList(0, job.gpus())));
        bestFree = free.size();
      }
    }
    return best;
  }

  private static PlacementDecision explain(
      Job job, ResourceSnapshot snapshot, Map<String, NodeVerdict> verdicts, Reservations reserved) {
    if (snapshot == null) {
      return PlacementDecision.blocked(Blockage.of(ReasonCode.PROBE, "waiting for the first resource sample"));
    }
    boolean prefix = snapshot.nodes().size() > 1;
    List<WaitingReason> reasons = new ArrayList<>();
    Placement best = null;
    int bestFree = Integer.MAX_VALUE;
    boolean anyGpu = false;
    for (NodeResources node : snapshot.nodes()) {
      NodeVerdict verdict = verdicts.get(node.name());
      String p = prefix ? node.name() + ": " : "";
      if (verdict == null) {
        reasons.add(WaitingReason.of(ReasonCode.POLICY, p + "no policy verdict for this node"));
        continue;
      }
      anyGpu |= !node.gpus().isEmpty();
      if (!verdict.hostEligible()) {
        if (job.gpus() == 0 || !node.gpus().isEmpty()) {
          verdict.hostReasons().forEach(r -> reasons.add(verdictReason(p, r)));
        }
        continue;
      }
      if (job.gpus() == 0) {
        return PlacementDecision.at(new Placement(node.name(), List.of()));
      }
      if (node.gpus().isEmpty()) {
        continue;
      }
      List<Integer> free = freeGpus(node, verdict, reserved, p, reasons);
      if (node.gpus().size() < job.gpus()) {
        reasons.add(WaitingReason.of(ReasonCode.RESOURCES, p + "has " + node.gpus().size() + " GPU(s); the job needs " + job.gpus()));
      } else if (free.size() >= job.gpus() && free.size() < bestFree) {
        best = new Placement(node.name(), free.subList(0, job.gpus()));
        bestFree = free.size();
      }
    }
    if (best != null) {
      return PlacementDecision.at(best);
    }
    if (job.gpus() > 0 && !anyGpu) {
      List<WaitingReason> noGpu = new ArrayList<>();
      noGpu.add(WaitingReason.of(ReasonCode.RESOURCES, "no GPU detected"));
      snapshot.nodes().forEach(n -> n.errors().forEach(
          e -> noGpu.add(WaitingReason.of(ReasonCode.PROBE, (prefix ? n.name() + ": " : "") + e))));
      return PlacementDecision.blocked(new Blockage(noGpu));
    }
    if (reasons.isEmpty()) {
      reasons.add(snapshot.nodes().isEmpty()
          ? WaitingReason.of(ReasonCode.PROBE, "no node reported by the probe")
          : WaitingReason.of(ReasonCode.RESOURCES, "no node has " + job.gpus() + " free GPU(s)"));
    }
    snapshot.errors().forEach(e -> reasons.add(WaitingReason.of(ReasonCode.PROBE, e)));
    return PlacementDecision.blocked(new Blockage(reasons));
  }

  private static WaitingReason verdictReason(String prefix, String reason) {
    return WaitingReason.of(ReasonCode.ofVerdictReason(reason), prefix + reason);
  }

  private static List<Integer> freeGpus(
      NodeResources node, NodeVerdict verdict, Reservations reserved, String prefix, List<WaitingReason> reasons) {
    boolean inOrder = GpuVerdicts.numberedInOrder(verdict);
    List<Integer> free = new ArrayList<>();
    boolean sorted = true;
    for (GpuResources gpu : node.gpus()) {
      String holder = reserved.holder(node.name(), gpu.index());
      GpuVerdict v = GpuVerdicts.find(verdict, gpu.index(), inOrder);
      if (holder != null) {
        reasons.add(WaitingReason.of(ReasonCode.RESOURCES, prefix + "GPU " + gpu.index() + " is reserved by job " + holder));
      } else if (v == null) {
        reasons.add(WaitingReason.of(ReasonCode.POLICY, prefix + "GPU " + gpu.index() + " has no policy verdict"));
      } else if (!v.eligible()) {
        v.reasons().forEach(r -> reasons.add(verdictReason(prefix, r)));
      } else {
        sorted &= free.isEmpty() || free.get(free.size() - 1) <= gpu.index();
        free.add(gpu.index());
      }
    }
    if (!sorted) {
      free.sort(Integer::compare);
    }
    return free;
  }
}
