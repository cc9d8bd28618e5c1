package dev.berth.core.scheduler;

import dev.berth.api.Job;
import dev.berth.core.jobs.TimeLimitFormat;

/** What a TIMED_OUT job's message says, the same whichever executor or the reconciler stopped it. */
final class TimeLimitMessages {
  private TimeLimitMessages() {}

  static String stopped(Job job) {
    return job.timeLimitSeconds() == null
        ? "stopped at its time limit"
        : "stopped at its time limit of " + TimeLimitFormat.format(job.timeLimitSeconds());
  }
}
