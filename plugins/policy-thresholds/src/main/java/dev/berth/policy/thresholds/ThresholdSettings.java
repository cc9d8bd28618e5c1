package dev.berth.policy.thresholds;

import dev.berth.api.SettingDescriptor;
import dev.berth.api.SettingsSchema;
import java.util.List;

/** The admin-editable settings section {@code thresholds}: its keys, defaults and bounds. */
final class ThresholdSettings {

  static final String SECTION = "thresholds";
  static final String TITLE = "GPU availability thresholds";

  static final SettingDescriptor GPU_MEMORY_FREE_MIN_MIB =
      SettingDescriptor.integer(
          "gpuMemoryFreeMinMiB",
          2048,
          0,
          1_048_576,
          "A GPU needs more free memory than this to take a job, in MiB.");

  static final SettingDescriptor GPU_UTILIZATION_MAX_PERCENT =
      SettingDescriptor.integer(
          "gpuUtilizationMaxPercent",
          80,
          0,
          100,
          "A GPU at or above this utilization takes no job, in percent.");

  static final SettingDescriptor CPU_USAGE_MAX_PERCENT =
      SettingDescriptor.integer(
          "cpuUsageMaxPercent",
          90,
          0,
          100,
          "A host at or above this CPU use takes no job, in percent.");

  static final SettingDescriptor MEMORY_USAGE_MAX_PERCENT =
      SettingDescriptor.integer(
          "memoryUsageMaxPercent",
          85,
          0,
          100,
          "A host at or above this memory use takes no job, in percent.");

  static final SettingDescriptor GPU_TEMPERATURE_MAX_C =
      SettingDescriptor.integer(
          "gpuTemperatureMaxC",
          0,
          0,
          150,
          "A GPU at or above this core temperature takes no job, in °C; 0 turns the check off.");

  static final SettingsSchema SCHEMA =
      new SettingsSchema(
          SECTION,
          TITLE,
          List.of(
              GPU_MEMORY_FREE_MIN_MIB,
              GPU_UTILIZATION_MAX_PERCENT,
              CPU_USAGE_MAX_PERCENT,
              MEMORY_USAGE_MAX_PERCENT,
              GPU_TEMPERATURE_MAX_C));

  private ThresholdSettings() {}
}
