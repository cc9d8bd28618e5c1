package dev.berth.core.monitor;

import dev.berth.api.SettingDescriptor;
import dev.berth.api.SettingsSchema;
import java.util.List;

/** The thresholds policy's settings section as it declares it, for tests that need a schema. */
final class Schemas {
  static final SettingsSchema THRESHOLDS = new SettingsSchema("thresholds", "GPU availability thresholds", List.of(
      SettingDescriptor.integer("gpuMemoryFreeMinMiB", 2048, 0, 1_048_576, "free MiB"),
      SettingDescriptor.integer("gpuUtilizationMaxPercent", 80, 0, 100, "GPU %"),
      SettingDescriptor.integer("cpuUsageMaxPercent", 90, 0, 100, "CPU %"),
      SettingDescriptor.integer("memoryUsageMaxPercent", 85, 0, 100, "memory %")));

  private Schemas() {}
}
