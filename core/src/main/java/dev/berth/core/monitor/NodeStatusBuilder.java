package dev.berth.core.monitor;

import dev.berth.api.AvailabilityPolicy;
import dev.berth.api.AvailabilityVerdict;
import dev.berth.api.GpuResources;
import dev.berth.api.GpuVerdict;
import dev.berth.api.NodeResources;
import dev.berth.api.NodeVerdict;
import dev.berth.api.ResourceSnapshot;
import dev.berth.api.Settings;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns one probe sample and the policy's verdict on it into the {@link NodeStatus} that {@code
 * /status} serves. Pure: no I/O, no clock.
 */
public final class NodeStatusBuilder {
  static final String NO_GPU = "no GPU detected";
  static final String UNKNOWN_NODE = "unknown";

  private NodeStatusBuilder() {}

  /**
   * @param snapshot what the probe saw; a node probe reports one node, and only the first is described
   * @param policy judges the snapshot; a policy that throws makes the node unavailable, with its error
   * @param thresholds the values the policy judged with, and where they came from
   */
  public static NodeStatus build(ResourceSnapshot snapshot, AvailabilityPolicy policy, ThresholdSource thresholds) {
    List<String> errors = new ArrayList<>(snapshot.errors());
    NodeResources node;
    if (snapshot.nodes().isEmpty()) {
      node = new NodeResources(UNKNOWN_NODE, null, null, List.of(), List.of());
      errors.add("the probe reported no node");
    } else {
      node = snapshot.nodes().get(0);
      if (snapshot.nodes().size() > 1) {
        errors.add("the probe reported " + snapshot.nodes().size() + " nodes; this monitor describes only "
            + node.name());
      }
    }
    errors.addAll(0, node.errors());
    errors.addAll(thresholds.problems());
    NodeVerdict verdict = judge(snapshot, node, policy);

    Map<Integer, GpuVerdict> byIndex = verdict.gpus().stream()
        .collect(Collectors.toMap(GpuVerdict::index, Function.identity(), (a, b) -> a));
    List<NodeStatus.GpuStatus> gpus = new ArrayList<>();
    for (GpuResources gpu : node.gpus()) {
      GpuVerdict v = byIndex.get(gpu.index());
      List<String> reasons = v == null ? List.of("GPU " + gpu.index() + " has no policy verdict") : v.reasons();
      gpus.add(new NodeStatus.GpuStatus(gpu.index(), gpu.uuid(), gpu.name(), roundWhole(gpu.utilizationPercent()),
          gpu.memoryUsedMiB(), gpu.memoryTotalMiB(), gpu.memoryFreeMiB(), gpu.powerWatts(),
          gpu.temperatureC(), gpu.throttleReasons(), gpu.metrics(), verdict.hostEligible() && reasons.isEmpty(), reasons));
    }
    boolean available = verdict.hostEligible() && gpus.stream().anyMatch(NodeStatus.GpuStatus::available);
    Settings settings = thresholds.current();
    return new NodeStatus(
        meanUtilization(node.gpus()),
        sum(node.gpus(), GpuResources::memoryUsedMiB),
        sum(node.gpus(), GpuResources::memoryTotalMiB),
        oneDecimal(node.cpuPercent()),
        oneDecimal(node.memoryPercent()),
        available,
        node.name(),
        snapshot.takenAt(),
        available ? List.of() : reasons(node, verdict, gpus),
        verdict.hostEligible(),
        gpus,
        dedupe(errors),
        new NodeStatus.Thresholds(thresholds.origin(), settings.version(), settings.values()));
  }

  private static NodeVerdict judge(ResourceSnapshot snapshot, NodeResources node, AvailabilityPolicy policy) {
    try {
      AvailabilityVerdict verdict = policy.judge(snapshot);
      for (NodeVerdict v : verdict.nodes()) {
        if (v.node().equals(node.name())) {
          return v;
        }
      }
      return hostOnly(node, "the policy gave no verdict for " + node.name());
    } catch (RuntimeException e) {
      return hostOnly(node, "policy " + policy.getClass().getSimpleName() + " failed: " + e.getMessage());
    }
  }

  /** A verdict against the whole host; the GPUs need no reasons of their own, the host's blocks them. */
  private static NodeVerdict hostOnly(NodeResources node, String reason) {
    return new NodeVerdict(node.name(), List.of(reason),
        node.gpus().stream().map(g -> new GpuVerdict(g.index(), List.of())).toList());
  }

  /** As the scheduler words it: host reasons, then "no GPU detected" with the probe's errors, or each GPU's reasons. */
  private static List<String> reasons(NodeResources node, NodeVerdict verdict, List<NodeStatus.GpuStatus> gpus) {
    List<String> out = new ArrayList<>(verdict.hostReasons());
    if (gpus.isEmpty()) {
      out.add(NO_GPU);
      out.addAll(node.errors());
    } else {
      gpus.forEach(g -> out.addAll(g.reasons()));
    }
    return dedupe(out);
  }

  private static int meanUtilization(List<GpuResources> gpus) {
    double total = 0;
    int known = 0;
    for (GpuResources g : gpus) {
      if (g.utilizationPercent() != null) {
        total += g.utilizationPercent();
        known++;
      }
    }
    return known == 0 ? 0 : (int) Math.round(total / known);
  }

  private static long sum(List<GpuResources> gpus, Function<GpuResources, Long> figure) {
    long total = 0;
    for (GpuResources g : gpus) {
      Long v = figure.apply(g);
      if (v != null) {
        total += v;
      }
    }
    return total;
  }

  private static Integer roundWhole(Double value) {
    return value == null ? null : (int) Math.round(value);
  }

  private static Double oneDecimal(Double value) {
    return value == null ? null : Math.round(value * 10.0) / 10.0;
  }

  private static List<String> dedupe(List<String> items) {
    return List.copyOf(new LinkedHashSet<>(items));
  }
}
