package dev.berth.core.idle;

import java.time.Duration;
import java.time.Instant;

/**
 * A job's GPUs over one stretch of time: one probe interval, or several merged when the job ran
 * long. Figures are means over the stretch, weighted by time.
 *
 * @param from when the stretch began (the previous sample)
 * @param to when its last sample was taken
 * @param utilizationPercent the mean utilisation of the job's GPUs
 * @param memoryUsedMiB the memory the job's GPUs used together, mean over the stretch
 * @param gpus how many GPUs the job holds
 * @param idleSeconds how much of the stretch every one of the job's GPUs was under the guard's threshold
 */
public record UtilizationPoint(
    Instant from, Instant to, double utilizationPercent, Long memoryUsedMiB, int gpus, long idleSeconds) {

  public Duration span() {
    return Duration.between(from, to);
  }

  /** GPU-hours spent under the threshold in this stretch. */
  public double idleGpuHours() {
    return idleSeconds * gpus / 3600d;
  }

  /** This stretch and the next one as one, figures weighted by each one's length. */
  UtilizationPoint merge(UtilizationPoint next) {
    double a = Math.max(1, span().toMillis());
    double b = Math.max(1, next.span().toMillis());
    double util = (utilizationPercent * a + next.utilizationPercent * b) / (a + b);
    Long mem = memoryUsedMiB == null || next.memoryUsedMiB == null ? null
        : Math.round((memoryUsedMiB * a + next.memoryUsedMiB * b) / (a + b));
    return new UtilizationPoint(from, next.to, util, mem, Math.max(gpus, next.gpus), idleSeconds + next.idleSeconds);
  }
}
