package dev.berth.probe.nvidia;

import java.util.Locale;

/** Whether host CPU and memory come from the probe's own cgroup (v2) or from /proc. */
enum CgroupMode {
  /** Use the cgroup where it sets a limit (cpu.max, memory.max), /proc elsewhere. */
  AUTO,
  /** Always measure the cgroup; its files must exist. Without a limit, CPU is relative to all CPUs. */
  ON,
  /** Always measure the whole host through /proc. */
  OFF;

  /** Reads {@code auto}, {@code true}/{@code yes}/{@code on} or {@code false}/{@code no}/{@code off}. */
  static CgroupMode parse(String text, String key) {
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "auto" -> AUTO;
      case "true", "yes", "on" -> ON;
      case "false", "no", "off" -> OFF;
      default -> throw new IllegalArgumentException(
          "config " + key + " must be auto, true or false, was '" + text + "'");
    };
  }
}
