package dev.berth.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.core.config.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThresholdInputsTest {

  @Test
  void variablesFollowTheUsualNamingRule() {
    assertThat(ThresholdInputs.variableFor("gpuUtilizationMaxPercent"))
        .isEqualTo("BERTH_MONITOR_THRESHOLDS_GPU_UTILIZATION_MAX_PERCENT");
    assertThat(ThresholdInputs.variableFor("gpuMemoryFreeMinMiB"))
        .isEqualTo("BERTH_MONITOR_THRESHOLDS_GPU_MEMORY_FREE_MIN_MI_B");
  }

  @Test
  void flagBeatsVariableBeatsFileAndValuesAreNormalised() {
    ThresholdInputs inputs = new ThresholdInputs(
        Map.of("gpuUtilizationMaxPercent", new ThresholdInputs.Flagged("90", "--gpu-utilization-max-percent")),
        Map.of("BERTH_MONITOR_THRESHOLDS_GPU_UTILIZATION_MAX_PERCENT", "70",
            "BERTH_MONITOR_THRESHOLDS_CPU_USAGE_MAX_PERCENT", " 75 "),
        Map.of("cpuUsageMaxPercent", "60", "gpuMemoryFreeMinMiB", "4096.0"));

    assertThat(inputs.resolve(Schemas.THRESHOLDS)).containsExactlyInAnyOrderEntriesOf(Map.of(
        "gpuUtilizationMaxPercent", "90", "cpuUsageMaxPercent", "75", "gpuMemoryFreeMinMiB", "4096"));
  }

  @Test
  void everyBadInputIsNamedInOneMessage() {
    ThresholdInputs inputs = new ThresholdInputs(
        Map.of("gpuUtilizationMaxPercent", new ThresholdInputs.Flagged("101", "--gpu-utilization-max-percent")),
        Map.of("BERTH_MONITOR_THRESHOLDS_NOPE", "1", "BERTH_MONITOR_THRESHOLDS_CPU_USAGE_MAX_PERCENT", "lots"),
        Map.of("memoryUsageMaxPercent", "12.5"));

    assertThatThrownBy(() -> inputs.resolve(Schemas.THRESHOLDS))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("--gpu-utilization-max-percent must be between 0 and 100, was 101")
        .hasMessageContaining("BERTH_MONITOR_THRESHOLDS_NOPE: no such threshold")
        .hasMessageContaining("BERTH_MONITOR_THRESHOLDS_CPU_USAGE_MAX_PERCENT must be a number, was 'lots'")
        .hasMessageContaining("monitor.thresholds.memoryUsageMaxPercent must be a whole number, was '12.5'");
  }

  @Test
  void aPolicyWithoutSettingsTakesNoThresholds() {
    ThresholdInputs inputs = new ThresholdInputs(Map.of(), Map.of(), Map.of("cpuUsageMaxPercent", "50"));

    assertThat(ThresholdInputs.none().resolve(null)).isEmpty();
    assertThatThrownBy(() -> inputs.resolve(null)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("has no setting 'cpuUsageMaxPercent'");
  }
}
