package dev.berth.policy.thresholds;

import dev.berth.api.SettingDescriptor;
import dev.berth.api.Settings;

/** The thresholds in force for one judgement, read from the live settings. */
record Limits(
    double gpuMemoryFreeMinMiB,
    double gpuUtilizationMaxPercent,
    double cpuUsageMaxPercent,
    double memoryUsageMaxPercent,
    double gpuTemperatureMaxC) {

  /**
   * Reads every threshold from {@code settings}; a key the section lacks takes its descriptor's
   * default (the host fills defaults in, but a section saved before a key existed may miss it).
   * Values are validated by the host against the descriptors, so one that is not a number is a bug
   * and fails loudly, naming the setting.
   */
  static Limits from(Settings settings) {
    return new Limits(
        value(settings, ThresholdSettings.GPU_MEMORY_FREE_MIN_MIB),
        value(settings, ThresholdSettings.GPU_UTILIZATION_MAX_PERCENT),
        value(settings, ThresholdSettings.CPU_USAGE_MAX_PERCENT),
        value(settings, ThresholdSettings.MEMORY_USAGE_MAX_PERCENT),
        value(settings, ThresholdSettings.GPU_TEMPERATURE_MAX_C));
  }

  private static double value(Settings settings, SettingDescriptor descriptor) {
    String text = settings == null ? null : settings.values().get(descriptor.key());
    if (text == null || text.isBlank()) {
      text = descriptor.defaultValue();
    }
    try {
      return Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "setting " + ThresholdSettings.SECTION + "." + descriptor.key() + " must be a number, was '" + text + "'",
          e);
    }
  }
}
