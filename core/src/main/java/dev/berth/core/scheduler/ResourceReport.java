package dev.berth.core.scheduler;

import dev.berth.api.GpuResources;
import dev.berth.api.GpuVerdict;
import dev.berth.api.Job;
import dev.berth.api.JobQuery;
import dev.berth.api.JobState;
import dev.berth.api.NodeResources;
import dev.berth.api.NodeVerdict;
import dev.berth.api.QueueStore;
import dev.berth.api.ResourceSnapshot;
import dev.berth.core.idle.OutsideUse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The last resource sample with the policies' verdict on each node and GPU, and which job holds
 * each GPU: what {@code GET /api/v1/resources} and the resources page show.
 */
public record ResourceReport(Instant takenAt, List<Node> nodes, List<String> errors) {

  public record Node(
      String name, Double cpuPercent, Double memoryPercent, boolean eligible, List<String> reasons,
      List<String> errors, List<Gpu> gpus) {}

  public record Gpu(
      int index, String uuid, String name, Long memoryUsedMiB, Long memoryTotalMiB, Long memoryFreeMiB,
      Double utilizationPercent, Double powerWatts, Double temperatureC, List<String> throttleReasons,
      Map<String, Double> metrics, boolean eligible, List<String> reasons, String reservedBy,
      String outsideBerth) {}

  /**
   * @param idleBelowPercent the idle guard's threshold: a GPU no job holds that is this busy (or
   *     holds memory) is flagged "in use outside Berth"
   */
  public static ResourceReport build(ResourceMonitor monitor, PolicyPanel policies, QueueStore store,
      double idleBelowPercent) {
    ResourceSnapshot snapshot = monitor.latest();
    if (snapshot == null) {
      return new ResourceReport(null, List.of(), List.of("no resource sample yet"));
    }
    Map<String, NodeVerdict> verdicts = policies.judge(snapshot);
    List<Job> active = store.list(JobQuery.inStates(JobState.ACTIVE, 1000)).jobs();
    Reservations reserved = Reservations.of(active);
    List<Node> nodes = new ArrayList<>();
    for (NodeResources n : snapshot.nodes()) {
      NodeVerdict v = verdicts.get(n.name());
      List<Gpu> gpus = new ArrayList<>();
      for (GpuResources g : n.gpus()) {
        GpuVerdict gv = v.gpus().stream().filter(x -> x.index() == g.index()).findFirst().orElse(null);
        List<String> reasons = gv == null ? List.of("no verdict") : gv.reasons();
        gpus.add(new Gpu(g.index(), g.uuid(), g.name(), g.memoryUsedMiB(), g.memoryTotalMiB(), g.memoryFreeMiB(),
            g.utilizationPercent(), g.powerWatts(), g.temperatureC(), g.throttleReasons(), g.metrics(),
            v.hostEligible() && reasons.isEmpty(), reasons,
            reserved.holder(n.name(), g.index()),
            OutsideUse.reason(g, reserved.holder(n.name(), g.index()) != null, idleBelowPercent)));
      }
      nodes.add(new Node(n.name(), n.cpuPercent(), n.memoryPercent(), v.hostEligible(), v.hostReasons(),
          n.errors(), gpus));
    }
    return new ResourceReport(snapshot.takenAt(), nodes, snapshot.errors());
  }
}
