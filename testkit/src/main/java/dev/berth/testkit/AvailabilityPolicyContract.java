package dev.berth.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.AvailabilityPolicy;
import dev.berth.api.AvailabilityVerdict;
import dev.berth.api.GpuResources;
import dev.berth.api.GpuVerdict;
import dev.berth.api.HasSettings;
import dev.berth.api.NodeResources;
import dev.berth.api.NodeVerdict;
import dev.berth.api.ResourceSnapshot;
import dev.berth.api.SettingsSchema;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link AvailabilityPolicy} must do, whatever its rule. An implementation's test
 * extends this class and builds the policy with its default settings:
 *
 * <pre>{@code
 * class MyPolicyContractTest extends AvailabilityPolicyContract {
 *   protected AvailabilityPolicy createPolicy(Path workDir) {
 *     return new MyPolicy(context("my-policy", Map.of()));
 *   }
 * }
 * }</pre>
 *
 * <p>Building the policy's context with {@link #context(String, Map)} lets the suite declare the
 * policy's settings on it as the host does, so {@code settings()} has its defaults filled in.
 *
 * <p><b>What the suite assumes</b>, and checks:
 *
 * <ul>
 *   <li>one verdict per node and one per GPU, in the snapshot's order, also for a node without GPUs,
 *       an empty snapshot, and GPUs whose every figure is unknown;
 *   <li>every reason is a non-blank sentence;
 *   <li>the same snapshot gives the same verdict, also when judged from several threads at once
 *       (the scheduler and the resources page judge concurrently);
 *   <li>under its default settings, a host at 2.5 % CPU and 12 % memory passes, and each idle GPU
 *       (nothing used, 0 % utilization, 30 °C) gets the reasons {@link #expectedIdleGpuReasons}
 *       names: none by default, meaning the policy lets idle GPUs through. A policy that holds some
 *       GPU back even when idle (say, GPU 0 kept for interactive use) overrides that method to
 *       say so;
 *   <li>settings it declares are its plugin's own section, and every default passes the host's
 *       validation.
 * </ul>
 */
public abstract class AvailabilityPolicyContract {

  private static final Instant TAKEN_AT = Instant.parse("2026-03-01T08:00:00Z");

  /** A fresh directory per test, for the policy's data dir if it needs one. */
  @TempDir protected Path workDir;

  private TestPluginContext context;

  /** The policy under test, with its default settings. */
  protected abstract AvailabilityPolicy createPolicy(Path workDir);

  /**
   * The reasons the policy, under its default settings, gives against the idle GPU {@code index}
   * of an idle host; empty (the default) when it lets every idle GPU through.
   */
  protected List<String> expectedIdleGpuReasons(int index) {
    return List.of();
  }

  /**
   * A context for the policy under test, on {@link #workDir} with a settable clock; the suite
   * declares the policy's settings on it as the host would.
   */
  protected final TestPluginContext context(String pluginId, Map<String, Object> config) {
    context = new TestPluginContext(pluginId, config, new SettableClock(TAKEN_AT), workDir.resolve("data"));
    return context;
  }

  private AvailabilityPolicy policy() {
    AvailabilityPolicy policy = createPolicy(workDir);
    if (context != null) {
      context.declareFrom(policy);
    }
    return policy;
  }

  @Test
  void oneVerdictPerNodeInSnapshotOrder() {
    ResourceSnapshot snapshot =
        snapshot(idleNode("node-c", 1), idleNode("node-a", 2), idleNode("node-b", 0));

    AvailabilityVerdict verdict = policy().judge(snapshot);

    assertThat(verdict.nodes()).extracting(NodeVerdict::node).containsExactly("node-c", "node-a", "node-b");
  }

  @Test
  void oneGpuVerdictPerGpuInSnapshotOrder() {
    NodeResources node =
        new NodeResources("node-a", 3.0, 10.0, List.of(idleGpu(3), idleGpu(0), idleGpu(1)), List.of());

    AvailabilityVerdict verdict = policy().judge(snapshot(node));

    assertThat(verdict.nodes()).singleElement().satisfies(v ->
        assertThat(v.gpus()).extracting(GpuVerdict::index).containsExactly(3, 0, 1));
  }

  @Test
  void idleMachinesGetTheDefaultVerdictTheImplementationStates() {
    ResourceSnapshot snapshot = snapshot(idleNode("node-a", 4), idleNode("node-b", 1));

    AvailabilityVerdict verdict = policy().judge(snapshot);

    assertThat(verdict.nodes()).hasSize(2).allSatisfy(node -> {
      assertThat(node.hostReasons()).isEmpty();
      assertThat(node.hostEligible()).isTrue();
      assertThat(node.gpus()).allSatisfy(gpu ->
          assertThat(gpu.reasons()).as("GPU " + gpu.index()).isEqualTo(expectedIdleGpuReasons(gpu.index())));
    });
  }

  @Test
  void declaredSettingsAreThePluginsOwnAndTheirDefaultsValidate() {
    AvailabilityPolicy policy = policy();
    if (policy instanceof HasSettings h) {
      SettingsSchema schema = h.settingsSchema();
      if (context != null) {
        assertThat(schema.ownerProblem(context.pluginId())).isNull();
      }
      Map<String, String> defaults = new LinkedHashMap<>();
      schema.settings().forEach(d -> defaults.put(d.key(), d.defaultValue()));
      assertThat(schema.validate(defaults).errors()).as("defaults the host would refuse").isEmpty();
    }
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

    AvailabilityVerdict verdict = policy().judge(snapshot(busy));

    NodeVerdict node = verdict.nodes().get(0);
    assertThat(node.hostReasons()).allSatisfy(reason -> assertThat(reason).isNotBlank());
    assertThat(node.gpus()).allSatisfy(gpu ->
        assertThat(gpu.reasons()).allSatisfy(reason -> assertThat(reason).isNotBlank()));
  }

  @Test
  void emptySnapshotGivesEmptyVerdict() {
    AvailabilityVerdict verdict = policy().judge(snapshot());

    assertThat(verdict.nodes()).isEmpty();
  }

  @Test
  void nodeWithoutGpusHasNoGpuVerdicts() {
    AvailabilityVerdict verdict = policy().judge(snapshot(idleNode("cpu-only", 0)));

    assertThat(verdict.nodes()).singleElement().satisfies(node -> assertThat(node.gpus()).isEmpty());
  }

  @Test
  void unknownMetricsStillGiveOneVerdictEach() {
    NodeResources unknown =
        new NodeResources(
            "node-a", null, null, List.of(new GpuResources(0, null, null, null, null, null, null)), List.of());

    AvailabilityVerdict verdict = policy().judge(snapshot(unknown));

    assertThat(verdict.nodes()).singleElement().satisfies(node -> {
      assertThat(node.node()).isEqualTo("node-a");
      assertThat(node.gpus()).extracting(GpuVerdict::index).containsExactly(0);
    });
  }

  @Test
  void sameSnapshotGivesSameVerdict() {
    AvailabilityPolicy policy = policy();
    ResourceSnapshot snapshot = mixedSnapshot();

    assertThat(policy.judge(snapshot)).isEqualTo(policy.judge(snapshot));
  }

  @Test
  void concurrentJudgementsAgree() throws Exception {
    AvailabilityPolicy policy = policy();
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
    return new GpuResources(index, "GPU-" + index, "NVIDIA H100 80GB HBM3", 0L, 81559L, 0.0, 70.0, 30.0,
        List.of("gpu_idle"), Map.of());
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
