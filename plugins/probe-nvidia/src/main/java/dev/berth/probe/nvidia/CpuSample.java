package dev.berth.probe.nvidia;

/** One reading of a CPU counter; two of the same kind give the busy share between them. */
sealed interface CpuSample permits ProcCpuSample, CgroupCpuSample {

  /**
   * Percent busy, 0–100, from {@code earlier} to this sample; null when {@code earlier} is of
   * another kind (the source changed) or no time passed between them.
   */
  Double busyPercentSince(CpuSample earlier);
}
