package dev.berth.core.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.GpuResources;
import dev.berth.api.GpuVerdict;
import dev.berth.api.Job;
import dev.berth.api.JobState;
import dev.berth.api.NodeResources;
import dev.berth.api.NodeVerdict;
import dev.berth.api.Placement;
import dev.berth.api.ResourceSnapshot;
import dev.berth.testkit.JobBuilder;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When each GPU will be free, as backfill and the estimates read it. */
class GpuTimelineTest {
  private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

  @Test
  void aHeldGpuIsFreeAtItsHoldersEndAndAFreeOneNow() {
    ResourceSnapshot snapshot = snapshot(node("a", 0, 1, 2));
    GpuTimeline timeline = timeline(snapshot, eligible(snapshot), List.of(running("7", "a", 600, 0), running("8", "a", 60, 2)));

    assertThat(timeline.earliest(1, NOW)).isEqualTo(new GpuTimeline.Fit("a", List.of(1), NOW));
    assertThat(timeline.earliest(2, NOW)).isEqualTo(new GpuTimeline.Fit("a", List.of(1, 2), NOW.plusSeconds(60)));
    assertThat(timeline.earliest(3, NOW)).isEqualTo(new GpuTimeline.Fit("a", List.of(0, 1, 2), NOW.plusSeconds(600)));
  }

  @Test
  void gpusNumberedOutOfOrderAreHeldByTheirIndexNotTheirPlace() {
    ResourceSnapshot snapshot = snapshot(node("a", 3, 1, 0));
    GpuTimeline timeline = timeline(snapshot, eligible(snapshot), List.of(running("7", "a", 600, 3), running("8", "a", 60, 0)));

    assertThat(timeline.earliest(1, NOW)).isEqualTo(new GpuTimeline.Fit("a", List.of(1), NOW));
    assertThat(timeline.earliest(2, NOW)).isEqualTo(new GpuTimeline.Fit("a", List.of(0, 1), NOW.plusSeconds(60)));
  }

  @Test
  void aRepeatedIndexIsHeldInEveryPlaceItHas() {
    ResourceSnapshot snapshot = snapshot(node("a", 0, 1, 1));
    GpuTimeline timeline = timeline(snapshot, eligible(snapshot), List.of(running("7", "a", 600, 1)));

    assertThat(timeline.earliest(2, NOW).at()).isEqualTo(NOW.plusSeconds(600));
  }

  @Test
  void aGpuHeldWithoutALimitOrBusyOutsideBerthHasNoKnownEndAndSaysWhy() {
    ResourceSnapshot snapshot = snapshot(node("a", 0, 1));
    Map<String, NodeVerdict> verdicts = Map.of("a", new NodeVerdict("a", List.of(),
        List.of(new GpuVerdict(0, List.of()), new GpuVerdict(1, List.of("GPU 1 utilization 93 % ≥ 80 %")))));
    Job endless = JobBuilder.from(running("7", "a", 60, 0)).timeLimitSeconds(null).build();

    GpuTimeline timeline = timeline(snapshot, verdicts, List.of(endless));

    assertThat(timeline.earliest(1, NOW)).isNull();
    assertThat(timeline.whyUnknown(1)).isEqualTo("GPU 0 is held by job 7, which has no time limit");
    GpuTimeline free = timeline(snapshot, verdicts, List.of());
    assertThat(free.earliest(2, NOW)).isNull();
    assertThat(free.whyUnknown(2)).isEqualTo("GPU 1 is busy outside Berth (GPU 1 utilization 93 % ≥ 80 %)");
  }

  @Test
  void aPlannedJobTakesItsGpusUntilItsEnd() {
    ResourceSnapshot snapshot = snapshot(node("a", 0, 1), node("b", 0));
    GpuTimeline timeline = timeline(snapshot, eligible(snapshot), List.of());

    timeline.occupy(new Placement("a", List.of(0, 1)), NOW.plusSeconds(300), "9");

    assertThat(timeline.earliest(1, NOW)).isEqualTo(new GpuTimeline.Fit("b", List.of(0), NOW));
    assertThat(timeline.earliest(2, NOW)).isEqualTo(new GpuTimeline.Fit("a", List.of(0, 1), NOW.plusSeconds(300)));
  }

  private static GpuTimeline timeline(ResourceSnapshot snapshot, Map<String, NodeVerdict> verdicts, List<Job> holding) {
    return new GpuTimeline(snapshot, verdicts, holding, NOW, j -> JobEnds.of(j, NOW));
  }

  private static Job running(String id, String node, int secondsLeft, int... gpus) {
    return JobBuilder.job(id).name("j").gpus(gpus.length).state(JobState.RUNNING)
        .placement(new Placement(node, Arrays.stream(gpus).boxed().toList()))
        .startedAt(NOW).timeLimitSeconds(secondsLeft).build();
  }

  private static ResourceSnapshot snapshot(NodeResources... nodes) {
    return new ResourceSnapshot(NOW, List.of(nodes), List.of());
  }

  private static NodeResources node(String name, int... gpus) {
    return new NodeResources(name, 1.0, 10.0, Arrays.stream(gpus)
        .mapToObj(i -> new GpuResources(i, "GPU-" + i, "Test GPU", 0L, 10240L, 0.0, 20.0)).toList(), List.of());
  }

  private static Map<String, NodeVerdict> eligible(ResourceSnapshot snapshot) {
    return PolicyPanelTest.allClear(snapshot).nodes().stream()
        .collect(java.util.stream.Collectors.toMap(NodeVerdict::node, v -> v));
  }
}
