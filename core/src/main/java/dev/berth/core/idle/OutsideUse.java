package dev.berth.core.idle;

import dev.berth.api.GpuResources;

/**
 * Whether a GPU that no Berth job holds is busy anyway: someone ran work on it by hand, or a
 * process outlived its job. Utilisation at or above the idle guard's threshold, or memory used
 * beyond what an idle driver keeps, counts.
 */
public final class OutsideUse {
  /** What an idle GPU's driver and display may hold without anyone's work on it. */
  public static final long IDLE_MEMORY_MIB = 256;

  private OutsideUse() {}

  /**
   * Why the GPU looks in use outside Berth, or null when it does not (or nothing was measured).
   *
   * @param heldByBerth whether a Berth job holds the GPU
   */
  public static String reason(GpuResources g, boolean heldByBerth, double thresholdPercent) {
    if (heldByBerth) {
      return null;
    }
    boolean busy = g.utilizationPercent() != null && g.utilizationPercent() >= thresholdPercent;
    boolean memory = g.memoryUsedMiB() != null && g.memoryUsedMiB() > IDLE_MEMORY_MIB;
    if (!busy && !memory) {
      return null;
    }
    StringBuilder why = new StringBuilder("in use outside Berth:");
    if (busy) {
      why.append(' ').append(IdleMessages.percent(Math.round(g.utilizationPercent()))).append(" utilisation");
    }
    if (memory) {
      why.append(busy ? "," : "").append(' ').append(g.memoryUsedMiB()).append(" MiB used");
    }
    return why.append(" with no Berth job on it").toString();
  }
}
