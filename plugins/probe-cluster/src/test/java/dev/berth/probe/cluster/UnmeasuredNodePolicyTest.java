package dev.berth.probe.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.AvailabilityVerdict;
import dev.berth.api.GpuResources;
import dev.berth.api.NodeResources;
import dev.berth.api.ResourceSnapshot;
import dev.berth.testkit.TestPluginContext;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnmeasuredNodePolicyTest {
  @TempDir Path dir;

  @Test
  void onlyANodeWithNothingMeasuredIsStoppedWithItsErrorsAsReasons() {
    UnmeasuredNodePolicy policy = new UnmeasuredNodePolicy(new TestPluginContext("cluster", Map.of(), Clock.systemUTC(), dir));
    ResourceSnapshot snapshot = new ResourceSnapshot(Instant.EPOCH, List.of(
        new NodeResources("dead", null, null, List.of(), List.of("monitor on dead timed out after 5 s")),
        new NodeResources("no-gpu", 10.0, 20.0, List.of(), List.of("nvidia-smi not found")),
        new NodeResources("dcgm", null, null, List.of(new GpuResources(0, null, null, 0L, 100L, 0.0, null)), List.of()),
        new NodeResources("fine", 10.0, 20.0, List.of(), List.of())), List.of());

    AvailabilityVerdict verdict = policy.judge(snapshot);

    assertThat(verdict.nodes().get(0).hostReasons()).containsExactly("monitor on dead timed out after 5 s");
    assertThat(verdict.nodes().get(1).hostEligible()).as("measured: CPU-only jobs may run").isTrue();
    assertThat(verdict.nodes().get(2).hostEligible()).isTrue();
    assertThat(verdict.nodes().get(2).gpus()).singleElement().satisfies(g -> assertThat(g.eligible()).isTrue());
    assertThat(verdict.nodes().get(3).hostEligible()).isTrue();
  }
}
