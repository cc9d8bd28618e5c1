package dev.berth.plugin.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decodes NVML's clock throttle ("clock event") reason bitmask, which nvidia-smi prints for {@code
 * clocks_throttle_reasons.active} as {@code 0x0000000000000001} and dcgm-exporter serves as the
 * decimal value of {@code DCGM_FI_DEV_CLOCK_THROTTLE_REASONS}. Names are nvidia-smi's sub-field names
 * ({@code clocks_throttle_reasons.<name>}), so a reason reads the same whichever probe saw it.
 */
public final class ThrottleReasons {

  // Bit order of nvmlClocksEventReason* in nvml.h.
  private static final String[] NAMES = {
    "gpu_idle",
    "applications_clocks_setting",
    "sw_power_cap",
    "hw_slowdown",
    "sync_boost",
    "sw_thermal_slowdown",
    "hw_thermal_slowdown",
    "hw_power_brake_slowdown",
    "display_clock_setting",
  };

  private ThrottleReasons() {}

  /** The names of the bits set, lowest first; an unnamed bit reads as {@code bit_N}. */
  public static List<String> names(long mask) {
    List<String> out = new ArrayList<>();
    for (int bit = 0; bit < Long.SIZE; bit++) {
      if ((mask & (1L << bit)) != 0) {
        out.add(bit < NAMES.length ? NAMES[bit] : "bit_" + bit);
      }
    }
    return out;
  }

  /**
   * The reasons in nvidia-smi's hexadecimal text ({@code 0x…}) or a decimal number.
   *
   * @throws NumberFormatException when the text is neither
   */
  public static List<String> parse(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    long mask = t.startsWith("0x") ? Long.parseUnsignedLong(t.substring(2), 16) : Long.parseLong(t);
    return names(mask);
  }
}
