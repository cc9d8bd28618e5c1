package dev.berth.probe.nvidia;

import java.time.Duration;
import java.time.Instant;

/**
 * The cgroup's {@code cpu.stat} usage counter at an instant, with the CPUs it may use (quota ÷
 * period from {@code cpu.max}, or every CPU when it sets no quota).
 */
record CgroupCpuSample(long usageMicros, Instant at, double allowedCpus) implements CpuSample {

  @Override
  public Double busyPercentSince(CpuSample earlier) {
    if (!(earlier instanceof CgroupCpuSample before)) {
      return null;
    }
    long elapsedMicros = Duration.between(before.at, at).toNanos() / 1000;
    long usedMicros = usageMicros - before.usageMicros;
    // A counter that went back means a new cgroup: no interval to judge.
    if (elapsedMicros <= 0 || usedMicros < 0 || allowedCpus <= 0) {
      return null;
    }
    return Percent.of(usedMicros, elapsedMicros * allowedCpus);
  }
}
