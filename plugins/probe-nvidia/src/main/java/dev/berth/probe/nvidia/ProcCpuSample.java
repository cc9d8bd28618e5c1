package dev.berth.probe.nvidia;

/**
 * The first line of {@code /proc/stat}, summed: ticks spent idle (idle + iowait) and in total (the
 * first eight fields: user, nice, system, idle, iowait, irq, softirq, steal; guest time is already
 * counted in user and nice).
 */
record ProcCpuSample(long idleTicks, long totalTicks) implements CpuSample {

  @Override
  public Double busyPercentSince(CpuSample earlier) {
    if (!(earlier instanceof ProcCpuSample before)) {
      return null;
    }
    long total = totalTicks - before.totalTicks;
    if (total <= 0) {
      return null;
    }
    // iowait may run backwards on some kernels, so idle can exceed total; clamp.
    long idle = Math.max(0, Math.min(total, idleTicks - before.idleTicks));
    return Percent.of(total - idle, total);
  }
}
