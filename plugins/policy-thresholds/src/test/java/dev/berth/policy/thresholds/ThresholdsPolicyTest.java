package dev.berth.policy.thresholds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.GpuResources;
import dev.berth.api.GpuVerdict;
import dev.berth.api.NodeResources;
import dev.berth.api.NodeVerdict;
import dev.berth.api.ResourceSnapshot;
import dev.berth.testkit.SettableClock;
import dev.berth.testkit.TestPluginContext;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThresholdsPolicyTest {

  private static final long TOTAL = 81559;

  @TempDir Path dir;
  private TestPluginContext context;
  private ThresholdsPolicy policy;

  @BeforeEach
  void setUp() {
    context = new TestPluginContext("thresholds", Map.of(), new SettableClock(), dir);
    context.withSettings(
        Map.of(
            "gpuMemoryFreeMinMiB", "2048",
            "gpuUtilizationMaxPercent", "80",
            "cpuUsageMaxPercent", "90",
            "memoryUsageMaxPercent", "85"));
    policy = new ThresholdsPolicy(context);
  }

  @Test
  void utilizationExactlyAtTheLimitIsNotEligible() {
    assertThat(gpuVerdict(gpu(0, 0, 80.0)).reasons()).containsExactly("GPU 0 utilization 80 % ≥ 80 %");
  }

  @Test
  void temperatureIsNoReasonWhileTheLimitIsOffByDefault() {
    assertThat(gpuVerdict(gpu(0, 0, 0.0).withTemperatureC(95.0)).eligible()).isTrue();
  }

  @Test
  void temperatureAtOrAboveTheLimitNamesTheGpuAndItsTemperature() {
    context.withSettings(Map.of("gpuTemperatureMaxC", "85"));

    assertThat(gpuVerdict(gpu(2, 0, 0.0).withTemperatureC(85.0)).reasons())
        .containsExactly("GPU 2 temperature 85 °C ≥ 85 °C");
    assertThat(gpuVerdict(gpu(2, 0, 0.0).withTemperatureC(84.0)).eligible()).isTrue();
    assertThat(gpuVerdict(gpu(2, 0, 0.0)).eligible()).as("unknown temperature").isTrue();
  }

  @Test
  void utilizationJustBelowTheLimitIsEligible() {
    assertThat(gpuVerdict(gpu(0, 0, 79.0)).eligible()).isTrue();
  }

  @Test
  void utilizationAboveTheLimitNamesTheValue() {
    assertThat(gpuVerdict(gpu(0, 0, 93.0)).reasons()).containsExactly("GPU 0 utilization 93 % ≥ 80 %");
  }

  @Test
  void freeMemoryExactlyAtTheMinimumIsNotEligible() {
    GpuVerdict verdict = gpuVerdict(gpu(1, TOTAL - 2048, 0.0));

    assertThat(verdict.index()).isEqualTo(1);
    assertThat(verdict.reasons()).containsExactly("GPU 1 free memory 2048 MiB ≤ 2048 MiB");
  }

  @Test
  void freeMemoryJustAboveTheMinimumIsEligible() {
    assertThat(gpuVerdict(gpu(1, TOTAL - 2049, 0.0)).eligible()).isTrue();
  }

  @Test
  void aBusyFullGpuGetsBothReasonsMemoryFirst() {
    assertThat(gpuVerdict(gpu(1, TOTAL - 1024, 93.0)).reasons())
        .containsExactly("GPU 1 free memory 1024 MiB ≤ 2048 MiB", "GPU 1 utilization 93 % ≥ 80 %");
  }

  @Test
  void migParentWithUnknownUtilizationIsJudgedByMemoryAlone() {
    assertThat(gpuVerdict(gpu(0, 59, null)).eligible()).isTrue();
    assertThat(gpuVerdict(gpu(0, TOTAL - 100, null)).reasons())
        .containsExactly("GPU 0 free memory 100 MiB ≤ 2048 MiB");
  }

  @Test
  void unknownMemoryIsAReason() {
    GpuResources unknown = new GpuResources(0, "GPU-0", "NVIDIA A100", null, 81920L, 0.0, null);

    assertThat(gpuVerdict(unknown).reasons()).containsExactly("GPU 0 memory unknown");
  }

  @Test
  void hostCpuAtOrAboveTheLimitBlocksTheHost() {
    assertThat(hostReasons(node(95.2, 10.0))).containsExactly("host CPU 95.2 % ≥ 90 %");
    assertThat(hostReasons(node(90.0, 10.0))).containsExactly("host CPU 90.0 % ≥ 90 %");
    assertThat(hostReasons(node(89.9, 10.0))).isEmpty();
  }

  @Test
  void hostMemoryAtOrAboveTheLimitBlocksTheHost() {
    assertThat(hostReasons(node(10.0, 88.0))).containsExactly("host memory 88.0 % ≥ 85 %");
    assertThat(hostReasons(node(10.0, 85.0))).containsExactly("host memory 85.0 % ≥ 85 %");
    assertThat(hostReasons(node(10.0, 84.9))).isEmpty();
  }

  @Test
  void unknownHostFiguresAreNotReasons() {
    assertThat(hostReasons(node(null, null))).isEmpty();
  }

  @Test
  void probeErrorsAreNotHostReasonsSoCpuOnlyJobsStillRunWithoutNvidiaSmi() {
    NodeResources node =
        new NodeResources("gpu-1", 99.0, 10.0, List.of(), List.of("nvidia-smi not found"));
    NodeResources idle =
        new NodeResources("gpu-2", 10.0, 10.0, List.of(), List.of("nvidia-smi timed out after 2000 ms"));

    assertThat(hostReasons(node)).containsExactly("host CPU 99.0 % ≥ 90 %");
    assertThat(hostReasons(idle)).isEmpty();
  }

  @Test
  void settingsChangedAtRunTimeApplyToTheNextJudgement() {
    GpuResources gpu = gpu(0, TOTAL - 4096, 85.0);
    assertThat(gpuVerdict(gpu).eligible()).isFalse();

    context.withSettings(
        Map.of(
            "gpuMemoryFreeMinMiB", "8192",
            "gpuUtilizationMaxPercent", "90",
            "cpuUsageMaxPercent", "90",
            "memoryUsageMaxPercent", "85"));

    assertThat(gpuVerdict(gpu).reasons()).containsExactly("GPU 0 free memory 4096 MiB ≤ 8192 MiB");
  }

  @Test
  void missingSettingsTakeTheDescriptorDefaults() {
    context.withSettings(Map.of("cpuUsageMaxPercent", "50"));

    NodeVerdict verdict = judge(new NodeResources("gpu-1", 60.0, 86.0, List.of(gpu(0, TOTAL - 2048, 80.0)), List.of()));

    assertThat(verdict.hostReasons()).containsExactly("host CPU 60.0 % ≥ 50 %", "host memory 86.0 % ≥ 85 %");
    assertThat(verdict.gpus().get(0).reasons())
        .containsExactly("GPU 0 free memory 2048 MiB ≤ 2048 MiB", "GPU 0 utilization 80 % ≥ 80 %");
  }

  @Test
  void aSettingThatIsNotANumberNamesTheKey() {
    context.withSettings(Map.of("gpuUtilizationMaxPercent", "lots"));

    assertThatThrownBy(() -> judge(node(1.0, 1.0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("setting thresholds.gpuUtilizationMaxPercent must be a number, was 'lots'");
  }

  @Test
  void schemaDeclaresTheThresholdsWithDefaultsAndBounds() {
    var schema = policy.settingsSchema();

    assertThat(schema.section()).isEqualTo("thresholds");
    assertThat(schema.title()).isEqualTo("GPU availability thresholds");
    assertThat(schema.settings())
        .extracting(s -> s.key() + "=" + s.defaultValue() + " " + s.min() + ".." + s.max() + " " + s.type())
        .containsExactly(
            "gpuMemoryFreeMinMiB=2048 0.0..1048576.0 INTEGER",
            "gpuUtilizationMaxPercent=80 0.0..100.0 INTEGER",
            "cpuUsageMaxPercent=90 0.0..100.0 INTEGER",
            "memoryUsageMaxPercent=85 0.0..100.0 INTEGER",
            "gpuTemperatureMaxC=0 0.0..150.0 INTEGER");
    assertThat(schema.settings()).allSatisfy(s -> assertThat(s.description()).isNotBlank());
  }

  private GpuVerdict gpuVerdict(GpuResources gpu) {
    return judge(new NodeResources("gpu-1", 5.0, 20.0, List.of(gpu), List.of())).gpus().get(0);
  }

  private List<String> hostReasons(NodeResources node) {
    return judge(node).hostReasons();
  }

  private NodeVerdict judge(NodeResources node) {
    return policy.judge(new ResourceSnapshot(Instant.EPOCH, List.of(node), List.of())).nodes().get(0);
  }

  private static GpuResources gpu(int index, long usedMiB, Double utilization) {
    return new GpuResources(index, "GPU-" + index, "NVIDIA H100 80GB HBM3", usedMiB, TOTAL, utilization, 100.0);
  }

  private static NodeResources node(Double cpu, Double memory) {
    return new NodeResources("gpu-1", cpu, memory, List.of(), List.of());
  }
}
