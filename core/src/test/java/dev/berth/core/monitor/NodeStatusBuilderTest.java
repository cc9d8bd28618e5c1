package dev.berth.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.AvailabilityPolicy;
import dev.berth.api.AvailabilityVerdict;
import dev.berth.api.GpuResources;
import dev.berth.api.GpuVerdict;
import dev.berth.api.NodeResources;
import dev.berth.api.NodeVerdict;
import dev.berth.api.ResourceSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeStatusBuilderTest {
  private static final Instant AT = Instant.parse("2026-03-01T08:00:00Z");
  private static final ThresholdSource DEFAULTS = new LocalThresholds(Schemas.THRESHOLDS, Map.of());

  /** Judges as the verdicts given, per node: the input of the builder, not a rule under test. */
  private static AvailabilityPolicy verdicts(NodeVerdict... nodes) {
    return snapshot -> new AvailabilityVerdict(List.of(nodes));
  }

  private static ResourceSnapshot snapshot(NodeResources... nodes) {
    return new ResourceSnapshot(AT, List.of(nodes), List.of());
  }

  @Test
  void aMachineWithoutGpuIsUnavailableBecauseNoGpuIsDetected() {
    NodeResources node = new NodeResources("box", 12.34, 56.78, List.of(), List.of("nvidia-smi not found"));

    NodeStatus s = NodeStatusBuilder.build(snapshot(node), verdicts(new NodeVerdict("box", List.of(), List.of())), DEFAULTS);

    assertThat(s.available()).isFalse();
    assertThat(s.hostAvailable()).isTrue();
    assertThat(s.reasons()).containsExactly("no GPU detected", "nvidia-smi not found");
    assertThat(s.errors()).containsExactly("nvidia-smi not found");
    assertThat(s.gpuUtilization()).isZero();
    assertThat(s.gpuMemoryUsed()).isZero();
    assertThat(s.gpuMemoryTotal()).isZero();
    assertThat(s.cpuUsage()).isEqualTo(12.3);
    assertThat(s.memoryUsage()).isEqualTo(56.8);
    assertThat(s.node()).isEqualTo("box");
    assertThat(s.takenAt()).isEqualTo(AT);
    assertThat(s.gpus()).isEmpty();
    assertThat(s.thresholds().source()).isEqualTo("defaults");
    assertThat(s.thresholds().values()).containsEntry("gpuUtilizationMaxPercent", "80");
  }

  @Test
  void severalGpusAggregateAsSumsAndAMeanAndOneFreeGpuIsEnough() {
    NodeResources node = new NodeResources("gpu-1", 5.0, 10.0, List.of(
        new GpuResources(0, "GPU-0", "H100", 70000L, 81559L, 95.0, 600.0),
        new GpuResources(1, "GPU-1", "H100", 1000L, 81559L, 4.4, 90.5),
        new GpuResources(2, "GPU-2", "H100", 500L, 81559L, null, null)), List.of());
    NodeVerdict verdict = new NodeVerdict("gpu-1", List.of(), List.of(
        new GpuVerdict(0, List.of("GPU 0 utilization 95 % ≥ 80 %")), new GpuVerdict(1, List.of()), new GpuVerdict(2, List.of())));

    NodeStatus s = NodeStatusBuilder.build(snapshot(node), verdicts(verdict), DEFAULTS);

    assertThat(s.available()).isTrue();
    assertThat(s.reasons()).isEmpty();
    assertThat(s.gpuMemoryUsed()).isEqualTo(71500);
    assertThat(s.gpuMemoryTotal()).isEqualTo(3 * 81559);
    assertThat(s.gpuUtilization()).as("mean of 95 and 4.4; the MIG GPU has none").isEqualTo(50);
    assertThat(s.gpus()).extracting(NodeStatus.GpuStatus::available).containsExactly(false, true, true);
    assertThat(s.gpus().get(0).reasons()).containsExactly("GPU 0 utilization 95 % ≥ 80 %");
    assertThat(s.gpus().get(1).utilization()).isEqualTo(4);
    assertThat(s.gpus().get(1).memoryFree()).isEqualTo(80559);
    assertThat(s.gpus().get(2).utilization()).isNull();
  }

  @Test
  void aBusyHostMakesEveryGpuUnavailableWithTheHostReasonFirst() {
    NodeResources node = new NodeResources("gpu-1", 95.0, 10.0,
        List.of(new GpuResources(0, "GPU-0", "H100", 0L, 81559L, 0.0, 60.0)), List.of());
    NodeVerdict verdict = new NodeVerdict("gpu-1", List.of("host CPU 95.0 % ≥ 90 %"), List.of(new GpuVerdict(0, List.of())));

    NodeStatus s = NodeStatusBuilder.build(snapshot(node), verdicts(verdict), DEFAULTS);

    assertThat(s.available()).isFalse();
    assertThat(s.hostAvailable()).isFalse();
    assertThat(s.gpus().get(0).available()).isFalse();
    assertThat(s.reasons()).containsExactly("host CPU 95.0 % ≥ 90 %");
  }

  @Test
  void whenEveryGpuFailsEachReasonIsListed() {
    NodeResources node = new NodeResources("gpu-1", 5.0, 10.0, List.of(
        new GpuResources(0, null, null, 80000L, 81559L, 10.0, null),
        new GpuResources(1, null, null, 0L, 81559L, 99.0, null)), List.of());
    NodeVerdict verdict = new NodeVerdict("gpu-1", List.of(), List.of(
        new GpuVerdict(0, List.of("GPU 0 free memory 1559 MiB ≤ 2048 MiB")),
        new GpuVerdict(1, List.of("GPU 1 utilization 99 % ≥ 80 %"))));

    NodeStatus s = NodeStatusBuilder.build(snapshot(node), verdicts(verdict), DEFAULTS);

    assertThat(s.available()).isFalse();
    assertThat(s.reasons()).containsExactly("GPU 0 free memory 1559 MiB ≤ 2048 MiB", "GPU 1 utilization 99 % ≥ 80 %");
  }

  @Test
  void aFailingPolicyMakesTheNodeUnavailableWithItsError() {
    NodeResources node = new NodeResources("gpu-1", 5.0, 10.0,
        List.of(new GpuResources(0, null, null, 0L, 81559L, 0.0, null)), List.of());
    AvailabilityPolicy broken = snapshot -> {
      throw new IllegalStateException("settings unreadable");
    };

    NodeStatus s = NodeStatusBuilder.build(snapshot(node), broken, DEFAULTS);

    assertThat(s.available()).isFalse();
    assertThat(s.hostAvailable()).isFalse();
    assertThat(s.reasons()).singleElement().asString().contains("failed: settings unreadable");
  }

  @Test
  void aSnapshotWithoutNodesOrWithSeveralSaysSo() {
    NodeStatus none = NodeStatusBuilder.build(new ResourceSnapshot(AT, List.of(), List.of("probe failed: boom")),
        verdicts(), DEFAULTS);
    NodeStatus two = NodeStatusBuilder.build(snapshot(
        new NodeResources("a", 1.0, 1.0, List.of(), List.of()), new NodeResources("b", 1.0, 1.0, List.of(), List.of())),
        verdicts(new NodeVerdict("a", List.of(), List.of()), new NodeVerdict("b", List.of(), List.of())), DEFAULTS);

    assertThat(none.node()).isEqualTo("unknown");
    assertThat(none.available()).isFalse();
    assertThat(none.errors()).containsExactly("probe failed: boom", "the probe reported no node");
    assertThat(two.node()).isEqualTo("a");
    assertThat(two.errors()).containsExactly("the probe reported 2 nodes; this monitor describes only a");
  }

  @Test
  void aStaleStatusIsUnavailableAndSaysHowOld() {
    NodeResources node = new NodeResources("gpu-1", 5.0, 10.0,
        List.of(new GpuResources(0, null, null, 0L, 81559L, 0.0, null)), List.of());
    NodeStatus fresh = NodeStatusBuilder.build(snapshot(node),
        verdicts(new NodeVerdict("gpu-1", List.of(), List.of(new GpuVerdict(0, List.of())))), DEFAULTS);

    NodeStatus stale = fresh.stale(Duration.ofSeconds(95));

    assertThat(fresh.available()).isTrue();
    assertThat(stale.available()).isFalse();
    assertThat(stale.hostAvailable()).isFalse();
    assertThat(stale.reasons()).containsExactly("last sample is 95 s old: the probe has not finished one since");
    assertThat(stale.errors()).contains("last sample is 95 s old: the probe has not finished one since");
  }
}
