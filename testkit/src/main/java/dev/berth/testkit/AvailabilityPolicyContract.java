package dev.berth.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.AvailabilityPolicy;
import dev.berth.api.AvailabilityVerdict;
import dev.berth.api.GpuResources;
import dev.berth.api.GpuVerdict;
import dev.berth.api.NodeResources;
import dev.berth.api.NodeVerdict;
import dev.berth.api.ResourceSnapshot;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link AvailabilityPolicy} must do, whatever its rule: answer one verdict per node and
 * one per GPU in the snapshot's order, give readable reasons, let an idle machine through, and stop
 * a node the probe could not measure. An implementation's test extends this class and builds the
 * policy with its default settings.
 *
 * <pre>{@code
 * class MyPolicyTest extends AvailabilityPolicyContract {
 *   protected AvailabilityPolicy createPolicy(Path workDir) { ... }
 * }
 * }</pre>
 */
public abstract class AvailabilityPolicyContract {

  private static final Instant TAKEN_AT = Instant.parse("2026-03-01T08:00:00Z");

  /** A fresh directory per test, for the policy's data dir if it needs one. */
  @TempDir protected Path workDir;

  /** The policy under test, with its default settings. */
  protected abstract AvailabilityPolicy createPolicy(Path workDir);

  @Test
  void oneVerdictPerNodeInSnapshotOrder() {
    ResourceSnapshot snapshot =
        snapshot(idleNode("node-c", 1), idleNode("node-a", 2), idleNode("node-b", 0));

    AvailabilityVerdict verdict = createPolicy(workDir).judge(snapshot);

    assertThat(verdict.nodes()).extracting(NodeVerdict::node).containsExactly("node-c", "node-a", "node-b");
  }

  @Test
  void oneGpuVerdictPerGpuInSnapshotOrder() {
    NodeResources node =
        new NodeResources("node-a", 3.0, 10.0, List.of(idleGpu(3), idleGpu(0), idleGpu(1)), List.of());

    AvailabilityVerdict verdict = createPolicy(workDir).judge(snapshot(node));

    assertThat(verdict.nodes()).singleElement().satisfies(v ->
        assertThat(v.gpus()).extracting(GpuVerdict::index).containsExactly(3, 0, 1));
  }

  @Test
  void idleMachinesAreEligible() {
    ResourceSnapshot snapshot = snapshot(idleNode("node-a", 4), idleNode("node-b", 1));

    AvailabilityVerdict verdict = createPolicy(workDir).judge(snapshot);

    assertThat(verdict.nodes()).hasSize(2).allSatisfy(node -> {
      assertThat(node.hostReasons()).isEmpty();
      assertThat(node.hostEligible()).isTrue();
      assertThat(node.gpus()).allSatisfy(gpu -> assertThat(gpu.eligible()).as(gpu.reasons().toString()).isTrue());
    });
  }

  @Test
  void everyReasonIsANonBlankSentence() {
    NodeResources busy =
        new NodeResources(
            "node-busy",
            100.0,
            100.0,
            List.of(
                new GpuResources(0, "GPU-0", "busy", 81559L, 81559L, 100.0, 650.0),
                new GpuResources(1, null, "unknown", null, null, null, null)),
            List.of("probe failed"));

    AvailabilityVerdict verdict = createPolicy(workDir).judge(snapshot(busy));

    NodeVerdict node = verdict.nodes().get(0);
    assertThat(node.hostReasons()).allSatisfy(reason -> assertThat(reason).isNotBlank());
    assertThat(node.gpus()).allSatisfy(gpu ->
        assertThat(gpu.reasons()).allSatisfy(reason -> assertThat(reason).isNotBlank()));
  }

  @Test
  void emptySnapshotGivesEmptyVerdict() {
    AvailabilityVerdict verdict = createPolicy(workDir).judge(snapshot());

    assertThat(verdict.nodes()).isEmpty();
  }

  @Test
  void nodeWithoutGpusHasNoGpuVerdicts() {
    AvailabilityVerdict verdict = createPolicy(workDir).judge(snapshot(idleNode("cpu-only", 0)));

    assertThat(verdict.nodes()).singleElement().satisfies(node -> assertThat(node.gpus()).isEmpty());
  }

  @Test
  void unknownMetricsStillGiveOneVerdictEach() {
    NodeResources unknown =
        new NodeResources(
            "node-a", null, null, List.of(new GpuResources(0, null, null, null, null, null, null)), List.of());

    AvailabilityVerdict verdict = createPolicy(workDir).judge(snapshot(unknown));

    assertThat(verdict.nodes()).singleElement().satisfies(node -> {
      assertThat(node.node()).isEqualTo("node-a");
      assertThat(node.gpus()).extracting(GpuVerdict::index).containsExactly(0);
    });
  }

  @Test
  void sameSnapshotGivesSameVerdict() {
    AvailabilityPolicy policy = createPolicy(workDir);
    ResourceSnapshot snapshot = mixedSnapshot();

    assertThat(policy.judge(snapshot)).isEqualTo(policy.judge(snapshot));
  }

  @Test
  void concurrentJudgementsAgree() throws Exception {
    AvailabilityPolicy policy = createPolicy(workDir);
    ResourceSnapshot snapshot = mixedSnapshot();
    AvailabilityVerdict expected = policy.judge(snapshot);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<AvailabilityVerdict>> calls = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        calls.add(() -> policy.judge(snapshot));
      }
      List<Future<AvailabilityVerdict>> results = pool.invokeAll(calls, 60, TimeUnit.SECONDS);
      for (Future<AvailabilityVerdict> result : results) {
        assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** A snapshot taken at a fixed instant with these nodes. */
  protected static ResourceSnapshot snapshot(NodeResources... nodes) {
    return new ResourceSnapshot(TAKEN_AT, List.of(nodes), List.of());
  }

  /** A node with low CPU and memory use and {@code gpuCount} idle GPUs numbered from 0. */
  protected static NodeResources idleNode(String name, int gpuCount) {
    List<GpuResources> gpus = new ArrayList<>();
    for (int i = 0; i < gpuCount; i++) {
      gpus.add(idleGpu(i));
    }
    return new NodeResources(name, 2.5, 12.0, gpus, List.of());
  }

  /** An idle 80 GB GPU: nothing in use, 0 % utilization. */
  protected static GpuResources idleGpu(int index) {
    return new GpuResources(index, "GPU-" + index, "NVIDIA H100 80GB HBM3", 0L, 81559L, 0.0, 70.0);
  }

  private static ResourceSnapshot mixedSnapshot() {
    NodeResources busy =
        new NodeResources(
            "node-busy",
            97.0,
            99.0,
            List.of(
                idleGpu(0),
                new GpuResources(1, "GPU-1", "busy", 80000L, 81559L, 100.0, 650.0),
                new GpuResources(2, "GPU-2", "mig", 100L, 81559L, null, null)),
            List.of());
    NodeResources broken = new NodeResources("node-broken", null, null, List.of(), List.of("nvidia-smi not found"));
    return snapshot(idleNode("node-idle", 2), busy, broken);
  }
}
