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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

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
    Map<String, Merged> nodes = new LinkedHashMap<>();
    for (NodeResources node : snapshot.nodes()) {
      nodes.put(node.name(), new Merged(node)); // a repeated name: the last node's GPUs, the first one's place
    }
    int round = 0;
    for (Provided<AvailabilityPolicy> policy : policies) {
      round++;
      String name = "policy '" + policy.pluginId() + "'";
      AvailabilityVerdict verdict;
      try {
        verdict = policy.extension().judge(snapshot);
      } catch (RuntimeException | LinkageError e) {
        String reason = name + " failed: " + e;
        nodes.values().forEach(m -> m.host.add(reason));
        continue;
      }
      if (verdict == null) {
        String reason = name + " gave no verdict";
        nodes.values().forEach(m -> m.host.add(reason));
        continue;
      }
      for (NodeVerdict nv : verdict.nodes()) {
        Merged m = nv == null ? null : nodes.get(nv.node());
        if (m == null || m.judgedIn == round) {
          continue; // a node the snapshot does not have, or judged twice: the first verdict counts
        }
        m.judgedIn = round;
        m.host.addAll(nv.hostReasons());
        for (GpuVerdict gv : nv.gpus()) {
          int at = gv == null ? -1 : m.position(gv.index());
          if (at >= 0 && m.gpuJudgedIn[at] != round) {
            m.gpuJudgedIn[at] = round;
            m.add(at, gv.reasons());
          }
        }
        for (int at = 0; at < m.indices.length; at++) {
          if (m.gpuJudgedIn[at] != round) {
            m.add(at, List.of(name + " gave no verdict for GPU " + m.indices[at]));
          }
        }
      }
      for (Map.Entry<String, Merged> e : nodes.entrySet()) {
        if (e.getValue().judgedIn != round) {
          e.getValue().host.add(name + " gave no verdict for node " + e.getKey());
        }
      }
    }
    Map<String, NodeVerdict> out = new LinkedHashMap<>();
    nodes.forEach((node, m) -> {
      List<GpuVerdict> gv = new ArrayList<>(m.indices.length);
      for (int at = 0; at < m.indices.length; at++) {
        gv.add(new GpuVerdict(m.indices[at], m.reasons[at] == null ? List.of() : dedupe(m.reasons[at])));
      }
      out.put(node, new NodeVerdict(node, dedupe(m.host), gv));
    });
    return out;
  }

  /**
   * One node's verdicts merged so far: its GPUs' distinct indices in snapshot order, and their
   * reasons. Arrays and round stamps rather than a map and sets per GPU: the panel judges every
   * GPU on every pass, and most of them have nothing against them.
   */
  private static final class Merged {
    final List<String> host = new ArrayList<>();
    final int[] indices;
    final List<String>[] reasons;
    final int[] gpuJudgedIn;
    /** Null when the indices are 0, 1, 2... in order, as probes report them: the index is the position. */
    final Map<Integer, Integer> positions;
    int judgedIn;

    @SuppressWarnings("unchecked")
    Merged(NodeResources node) {
      List<GpuResources> gpus = node.gpus();
      boolean inOrder = true;
      for (int i = 0; i < gpus.size() && inOrder; i++) {
        inOrder = gpus.get(i).index() == i;
      }
      if (inOrder) {
        positions = null;
        indices = new int[gpus.size()];
        for (int i = 0; i < indices.length; i++) {
          indices[i] = i;
        }
      } else {
        positions = new HashMap<>();
        for (GpuResources g : gpus) {
          positions.putIfAbsent(g.index(), positions.size()); // a repeated index: its first place
        }
        indices = new int[positions.size()];
        positions.forEach((index, at) -> indices[at] = index);
      }
      reasons = new List[indices.length];
      gpuJudgedIn = new int[indices.length];
    }

    int position(int index) {
      if (positions == null) {
        return index >= 0 && index < indices.length ? index : -1;
      }
      Integer at = positions.get(index);
      return at == null ? -1 : at;
    }

    void add(int at, List<String> more) {
      if (more.isEmpty()) {
        return;
      }
      if (reasons[at] == null) {
        reasons[at] = new ArrayList<>(more.size());
      }
      reasons[at].addAll(more);
    }
  }

  private static List<String> dedupe(List<String> reasons) {
    // Most GPUs have no reason and are judged on every pass: no set for them.
    if (reasons.size() < 2) {
      return List.copyOf(reasons);
    }
    return List.copyOf(new LinkedHashSet<>(reasons));
  }
}
