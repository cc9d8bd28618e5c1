package dev.berth.core.scheduler;

import dev.berth.api.AvailabilityPolicy;
import dev.berth.api.AvailabilityVerdict;
import dev.berth.api.GpuResources;
import dev.berth.api.GpuVerdict;
import dev.berth.api.NodeResources;
import dev.berth.api.NodeVerdict;
import dev.berth.api.ResourceSnapshot;
import dev.berth.core.host.Provided;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Asks every active policy and merges their verdicts: a GPU or host is eligible only if every
 * policy judged it and none objects, and the reasons of all policies are kept.
 *
 * <p>It fails closed, as {@link AvailabilityPolicy}'s contract promises users: a policy that throws,
 * answers null, or leaves a node or GPU of the snapshot out of its verdict blocks what it did not
 * judge, with a reason naming the plugin. A broken plugin can hold jobs back; it can never wave one
 * through.
 */
public final class PolicyPanel {
  private final List<Provided<AvailabilityPolicy>> policies;

  public PolicyPanel(List<Provided<AvailabilityPolicy>> policies) {
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
    for (Provided<AvailabilityPolicy> policy : policies) {
      String name = "policy '" + policy.pluginId() + "'";
      AvailabilityVerdict verdict;
      try {
        verdict = policy.extension().judge(snapshot);
      } catch (RuntimeException | LinkageError e) {
        String reason = name + " failed: " + e;
        host.values().forEach(r -> r.add(reason));
        continue;
      }
      if (verdict == null) {
        String reason = name + " gave no verdict";
        host.values().forEach(r -> r.add(reason));
        continue;
      }
      Set<String> judgedNodes = new HashSet<>();
      for (NodeVerdict nv : verdict.nodes()) {
        List<String> hostReasons = nv == null ? null : host.get(nv.node());
        if (hostReasons == null || !judgedNodes.add(nv.node())) {
          continue; // a node the snapshot does not have, or judged twice: the first verdict counts
        }
        hostReasons.addAll(nv.hostReasons());
        Map<Integer, List<String>> perGpu = gpus.get(nv.node());
        Set<Integer> judgedGpus = new HashSet<>();
        for (GpuVerdict gv : nv.gpus()) {
          List<String> r = gv == null ? null : perGpu.get(gv.index());
          if (r != null && judgedGpus.add(gv.index())) {
            r.addAll(gv.reasons());
          }
        }
        perGpu.forEach((index, r) -> {
          if (!judgedGpus.contains(index)) {
            r.add(name + " gave no verdict for GPU " + index);
          }
        });
      }
      host.forEach((node, r) -> {
        if (!judgedNodes.contains(node)) {
          r.add(name + " gave no verdict for node " + node);
        }
      });
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
    // Most GPUs have no reason and are judged on every pass: no set for them.
    if (reasons.size() < 2) {
      return List.copyOf(reasons);
    }
    return List.copyOf(new LinkedHashSet<>(reasons));
  }
}
