package ${package};

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.GpuResources;
import dev.berth.api.GpuVerdict;
import dev.berth.api.NodeResources;
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

/** The policy's own rules, with settings changed as an admin would change them. */
class ReservedGpuPolicyTest {

  @TempDir Path dir;
  private TestPluginContext context;
  private ReservedGpuPolicy policy;

  @BeforeEach
  void setUp() {
    context = new TestPluginContext("${pluginId}", Map.of(), new SettableClock(), dir);
    policy = new ReservedGpuPolicy(context);
    context.declareFrom(policy);
  }

  @Test
  void theReservedGpuWaitsAndTheOthersPass() {
    context.withSettings(Map.of("reservedGpu", 1));

    assertThat(verdicts(gpu(0, 30.0), gpu(1, 30.0)))
        .extracting(GpuVerdict::reasons)
        .containsExactly(List.of(), List.of("GPU 1 is kept free for interactive use"));
  }

  @Test
  void aHotGpuWaitsOnceALimitIsSet() {
    context.withSettings(Map.of("reservedGpu", -1, "maxTemperatureC", 85));

    assertThat(verdicts(gpu(0, 91.0)).get(0).reasons()).containsExactly("GPU 0 temperature 91 °C ≥ 85 °C");
  }

  @Test
  void theHostRefusesAReservedGpuBelowMinusOne() {
    assertThatThrownBy(() -> context.withSettings(Map.of("reservedGpu", -2)))
        .hasMessageContaining("reservedGpu must be between -1 and 1024, was -2");
  }

  private List<GpuVerdict> verdicts(GpuResources... gpus) {
    NodeResources node = new NodeResources("node-1", 5.0, 20.0, List.of(gpus), List.of());
    return policy.judge(new ResourceSnapshot(Instant.EPOCH, List.of(node), List.of())).nodes().get(0).gpus();
  }

  private static GpuResources gpu(int index, double temperatureC) {
    return new GpuResources(index, "GPU-" + index, "Test GPU", 0L, 81559L, 0.0, 70.0)
        .withTemperatureC(temperatureC);
  }
}
