package dev.berth.probe.dcgm;

/**
 * The dcgm-exporter series this probe reads, and the labels that place them. Names as in NVIDIA's
 * default counters file ({@code default-counters.csv}).
 */
final class DcgmFields {
  /** GPU utilization, percent. Not reported for MIG instances. */
  static final String GPU_UTIL = "DCGM_FI_DEV_GPU_UTIL";
  /** Framebuffer memory used, MiB. */
  static final String FB_USED = "DCGM_FI_DEV_FB_USED";
  /** Framebuffer memory free, MiB. */
  static final String FB_FREE = "DCGM_FI_DEV_FB_FREE";
  /** Framebuffer memory the driver reserves, MiB (newer drivers and exporters only). */
  static final String FB_RESERVED = "DCGM_FI_DEV_FB_RESERVED";
  /** Power draw, watts. */
  static final String POWER_USAGE = "DCGM_FI_DEV_POWER_USAGE";

  /** GPU core temperature, °C. */
  static final String GPU_TEMP = "DCGM_FI_DEV_GPU_TEMP";
  /** HBM memory temperature, °C; becomes the metric {@code memoryTemperatureC}. */
  static final String MEMORY_TEMP = "DCGM_FI_DEV_MEMORY_TEMP";
  /** SM clock, MHz; becomes the metric {@code smClockMHz}. */
  static final String SM_CLOCK = "DCGM_FI_DEV_SM_CLOCK";
  /** NVML's active clock throttle reason bitmask, as a decimal number. */
  static final String CLOCK_THROTTLE_REASONS = "DCGM_FI_DEV_CLOCK_THROTTLE_REASONS";
  /** The name newer exporters (DCGM 3.3 and later) give the same bitmask. */
  static final String CLOCKS_EVENT_REASONS = "DCGM_FI_DEV_CLOCKS_EVENT_REASONS";

  /** The device index, as CUDA_VISIBLE_DEVICES and nvidia-smi number GPUs. */
  static final String LABEL_GPU = "gpu";
  static final String LABEL_UUID = "UUID";
  static final String LABEL_MODEL = "modelName";
  /** Exporters before dcgm-exporter#655 spell it {@code Hostname}; later ones {@code hostname}. */
  static final String LABEL_HOSTNAME_OLD = "Hostname";
  static final String LABEL_HOSTNAME = "hostname";
  /** Set on the series of a MIG instance: its GPU instance id, and its profile such as {@code 1g.10gb}. */
  static final String LABEL_MIG_INSTANCE = "GPU_I_ID";
  static final String LABEL_MIG_PROFILE = "GPU_I_PROFILE";

  /**
   * DCGM marks a value it has not got ("blank") with sentinels at the top of the integer ranges:
   * 0x7ffffff0 and up for 32-bit fields, 0x7ffffffffffffff0 and up for 64-bit ones, 2^47 for
   * doubles. No real utilization, MiB or watt figure comes near the smallest of them.
   */
  static final double BLANK_AT_OR_ABOVE = 0x7ffffff0;

  private DcgmFields() {}

  /** The value, or null when DCGM sent a blank sentinel, NaN, an infinity or a negative number. */
  static Double usable(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value) || value < 0 || value >= BLANK_AT_OR_ABOVE) {
      return null;
    }
    return value;
  }
}
