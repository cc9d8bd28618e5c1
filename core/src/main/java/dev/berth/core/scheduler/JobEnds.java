package dev.berth.core.scheduler;

import dev.berth.api.Job;
import java.time.Instant;

/** When a started or claimed job will have ended at the latest: by its time limit. */
final class JobEnds {
  private JobEnds() {}

  /**
   * The job's end by its time limit, counted from its start (its claim until it starts); null when it
   * has no limit. A job past its end is being stopped, so it ends about now.
   */
  static Instant of(Job job, Instant now) {
    if (job.timeLimitSeconds() == null) {
      return null;
    }
    Instant start = job.startedAt() != null ? job.startedAt() : job.scheduledAt() != null ? job.scheduledAt() : now;
    Instant end = start.plusSeconds(job.timeLimitSeconds());
    return end.isBefore(now) ? now : end;
  }

  /** A job that would start at {@code start}: when it ends by its limit, or null without one. */
  static Instant from(Job job, Instant start) {
    return job.timeLimitSeconds() == null ? null : start.plusSeconds(job.timeLimitSeconds());
  }
}
