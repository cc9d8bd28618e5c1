package dev.berth.api;

import java.time.Instant;
import java.util.Objects;

/**
 * GPU time a job has held, to be added to its owner's usage (see {@link QueueStore#accrueUsage}).
 *
 * @param jobId the job holding the GPUs
 * @param user the job's owner, whose usage grows
 * @param gpus how many GPUs the job holds
 * @param from when the job began to hold them: its start
 * @param until up to when to count; the store counts only the part after what it already counted
 *     for this job, so the same accrual given twice adds once
 */
public record UsageAccrual(String jobId, String user, int gpus, Instant from, Instant until) {
  public UsageAccrual {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(until, "until");
    if (gpus < 0) {
      throw new IllegalArgumentException("gpus must not be negative, was " + gpus);
    }
  }
}
