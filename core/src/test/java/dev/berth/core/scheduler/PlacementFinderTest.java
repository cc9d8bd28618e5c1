package dev.berth.core.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.GpuResources;
import dev.berth.api.GpuVerdict;
import dev.berth.api.Job;
import dev.berth.api.NodeResources;
import dev.berth.api.NodeVerdict;
import dev.berth.api.Placement;
import dev.berth.api.ResourceSnapshot;
import dev.berth.testkit.JobBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlacementFinderTest {

  @Test
  void cpuOnlyJobNeedsOnlyAnEligibleHost() {
    var snapshot = snapshot(node("box", 0));
    var decision = PlacementFinder.place(job("1", 0), snapshot, eligible(snapshot), new Reservations());
    assertThat(decision.placement()).isEqualTo(new Placement("box", List.of()));
  }

  @Test
  void gpuJobOnAMachineWithoutGpusWaitsWithNoGpuDetected() {
    var snapshot = new ResourceSnapshot(Instant.EPOCH,
        List.of(new NodeResources("box", 10.0, 20.0, List.of(), List.of("nvidia-smi not found"))), List.of());
    var decision = PlacementFinder.place(job("1", 1), snapshot, eligible(snapshot), new Reservations());
    assertThat(decision.placed()).isFalse();
    assertThat(decision.blockage().messages()).containsExactly("no GPU detected", "nvidia-smi not found");
  }

  @Test
  void ineligibleGpuGivesThePolicyReason() {
    var snapshot = snapshot(node("box", 1));
    Map<String, NodeVerdict> verdicts = Map.of("box",
        new NodeVerdict("box", List.of(), List.of(new GpuVerdict(0, List.of("GPU 0 utilization 85 % ≥ 80 %")))));
    var decision = PlacementFinder.place(job("1", 1), snapshot, verdicts, new Reservations());
    assertThat(decision.blockage().messages()).containsExactly("GPU 0 utilization 85 % ≥ 80 %");
  }

  @Test
  void reservedGpusAreSkippedEvenWhenTheProbeSaysTheyAreIdle() {
    var snapshot = snapshot(node("box", 2));
    Reservations reserved = new Reservations();
    reserved.reserve("7", new Placement("box", List.of(0)));
    var first = PlacementFinder.place(job("8", 1), snapshot, eligible(snapshot), reserved);
    assertThat(first.placement()).isEqualTo(new Placement("box", List.of(1)));
    reserved.reserve("8", first.placement());
    var second = PlacementFinder.place(job("9", 1), snapshot, eligible(snapshot), reserved);
    assertThat(second.blockage().messages()).containsExactly("GPU 0 is reserved by job 7", "GPU 1 is reserved by job 8");
  }

  @Test
  void hostReasonsBlockAndNodeNamesPrefixReasonsOnClusters() {
    var snapshot = snapshot(node("a", 1), node("b", 1));
    Map<String, NodeVerdict> verdicts = new LinkedHashMap<>();
    verdicts.put("a", new NodeVerdict("a", List.of("host CPU 95.0 % ≥ 90 %"), List.of(new GpuVerdict(0, List.of()))));
    verdicts.put("b", new NodeVerdict("b", List.of(), List.of(new GpuVerdict(0, List.of("GPU 0 free memory 1000 MiB ≤ 2048 MiB")))));
    var decision = PlacementFinder.place(job("1", 1), snapshot, verdicts, new Reservations());
    assertThat(decision.blockage().messages())
        .containsExactly("a: host CPU 95.0 % ≥ 90 %", "b: GPU 0 free memory 1000 MiB ≤ 2048 MiB");
  }

  @Test
  void multiGpuJobsStayOnOneNodeAndPreferTheTightestFit() {
    var snapshot = snapshot(node("big", 4), node("small", 2));
    var decision = PlacementFinder.place(job("1", 2), snapshot, eligible(snapshot), new Reservations());
    assertThat(decision.placement()).isEqualTo(new Placement("small", List.of(0, 1)));
    var tooBig = PlacementFinder.place(job("2", 8), snapshot, eligible(snapshot), new Reservations());
    assertThat(tooBig.blockage().messages()).contains("big: has 4 GPU(s); the job needs 8");
  }

  @Test
  void noSampleYetIsAReason() {
    assertThat(PlacementFinder.place(job("1", 1), null, Map.of(), new Reservations()).blockage().messages())
        .containsExactly("waiting for the first resource sample");
  }

  private static Map<String, NodeVerdict> eligible(ResourceSnapshot s) {
    Map<String, NodeVerdict> out = new LinkedHashMap<>();
    for (NodeResources n : s.nodes()) {
      List<GpuVerdict> g = new ArrayList<>();
      n.gpus().forEach(x -> g.add(new GpuVerdict(x.index(), List.of())));
      out.put(n.name(), new NodeVerdict(n.name(), List.of(), g));
    }
    return out;
  }

  private static ResourceSnapshot snapshot(NodeResources... nodes) {
    return new ResourceSnapshot(Instant.EPOCH, List.of(nodes), List.of());
  }

  private static NodeResources node(String name, int gpus) {
    List<GpuResources> list = new ArrayList<>();
    for (int i = 0; i < gpus; i++) {
      list.add(new GpuResources(i, "GPU-" + i, "RTX 3080", 100L, 10240L, 0.0, 30.0));
    }
    return new NodeResources(name, 5.0, 30.0, list, List.of());
  }

  private static Job job(String id, int gpus) {
    return JobBuilder.job(id).name("j").gpus(gpus).build();
  }
}
