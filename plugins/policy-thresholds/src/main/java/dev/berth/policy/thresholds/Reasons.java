package dev.berth.policy.thresholds;

import java.util.Locale;

/**
 * The sentences users read under "why is my job waiting": the measured value, the comparison that
 * failed, and the limit. Host figures keep one decimal as the probe reports them; GPU utilization
 * and limits are whole numbers as nvidia-smi and the settings give them.
 */
final class Reasons {

  private Reasons() {}

  static String gpuUtilization(int index, double percent, double max) {
    return "GPU " + index + " utilization " + whole(percent) + " % ≥ " + whole(max) + " %";
  }

  static String gpuFreeMemory(int index, long freeMiB, double min) {
    return "GPU " + index + " free memory " + freeMiB + " MiB ≤ " + whole(min) + " MiB";
  }

  static String gpuTemperature(int index, double celsius, double max) {
    return "GPU " + index + " temperature " + whole(celsius) + " °C ≥ " + whole(max) + " °C";
  }

  static String gpuMemoryUnknown(int index) {
    return "GPU " + index + " memory unknown";
  }

  static String hostCpu(double percent, double max) {
    return "host CPU " + oneDecimal(percent) + " % ≥ " + whole(max) + " %";
  }

  static String hostMemory(double percent, double max) {
    return "host memory " + oneDecimal(percent) + " % ≥ " + whole(max) + " %";
  }

  /** {@code 80} for 80.0, {@code 79.5} for 79.5: no ".0" on the whole numbers users typed in. */
  private static String whole(double value) {
    return value == Math.rint(value) && !Double.isInfinite(value)
        ? Long.toString((long) value)
        : oneDecimal(value);
  }

  private static String oneDecimal(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }
}
