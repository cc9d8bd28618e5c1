package dev.berth.core.scheduler;

import dev.berth.api.AvailabilityPolicy;
import dev.berth.api.AvailabilityVerdict;
import dev.berth.api.GpuResources;
import dev.berth.api.GpuVerdict;
import dev.berth.api.NodeResources;
import dev.berth.api.NodeVerdict;
import dev.berth.api.ResourceSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Asks every active policy and merges their verdicts: a GPU or host is eligible only if no policy
 * objects, and the reasons of all policies are kept. A policy that throws counts as objecting, with
 * its error as the reason, so a broken plugin never waves a job through.
 */
public final class PolicyPanel {
  private final List<AvailabilityPolicy> policies;

  public PolicyPanel(List<AvailabilityPolicy> policies) {
    this.policies = List.copyOf(policies);
  }

  /** One merged verdict per node of the snapshot, keyed by node name, in snapshot order. */
  public Map<String, NodeVerdict> judge(ResourceSnapshot snapshot) {
    Map<String, List<String>> host = new LinkedHashMap<>();
    Map<String, Map<Integer, List<String>>> gpus = new LinkedHashMap<>();
    for (NodeResources node : snapshot.nodes()) {
      host.put(node.name(), new ArrayList<>());
      Map<Integer, List<String>> perGpu = new LinkedHashMap<>();
      for (GpuResources g : node.gpus()) {
        perGpu.put(g.index(), new ArrayList<>());
      }
      gpus.put(node.name(), perGpu);
    }
    for (AvailabilityPolicy policy : policies) {
      AvailabilityVerdict verdict;
      try {
        verdict = policy.judge(snapshot);
      } catch (RuntimeException e) {
        String reason = "policy " + policy.getClass().getSimpleName() + " failed: " + e;
        host.values().forEach(r -> r.add(reason));
        continue;
      }
      for (NodeVerdict nv : verdict.nodes()) {
        List<String> hostReasons = host.get(nv.node());
        if (hostReasons == null) {
          continue;
        }
        hostReasons.addAll(nv.hostReasons());
        for (GpuVerdict gv : nv.gpus()) {
          List<String> r = gpus.get(nv.node()).get(gv.index());
          if (r != null) {
            r.addAll(gv.reasons());
          }
        }
      }
    }
    Map<String, NodeVerdict> out = new LinkedHashMap<>();
    host.forEach(
        (node, reasons) -> {
          List<GpuVerdict> gv = new ArrayList<>();
          gpus.get(node).forEach((index, r) -> gv.add(new GpuVerdict(index, dedupe(r))));
          out.put(node, new NodeVerdict(node, dedupe(reasons), gv));
        });
    return out;
  }

  private static List<String> dedupe(List<String> reasons) {
    return List.copyOf(new java.util.LinkedHashSet<>(reasons));
  }
}
