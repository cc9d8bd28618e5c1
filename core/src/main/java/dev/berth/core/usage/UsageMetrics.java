package dev.berth.core.usage;

import dev.berth.api.Job;
import dev.berth.api.JobState;
import dev.berth.core.metrics.BerthMetrics;
import dev.berth.core.scheduler.JobChange;
import java.time.Duration;

/**
 * Feeds {@code berth_job_wait_seconds} (at each start) and {@code berth_user_gpu_seconds_total}
 * (at each end of a run) from the change feed, so the scheduler and reconciler need no hook of
 * their own. Counts the changes this process made.
 */
public final class UsageMetrics {
  private final BerthMetrics metrics;

  public UsageMetrics(BerthMetrics metrics) {
    this.metrics = metrics;
  }

  public void onChange(JobChange change) {
    if (!change.stateChanged()) {
      return;
    }
    Job job = change.job();
    if (job.state() == JobState.RUNNING && job.startedAt() != null) {
      metrics.jobWaited(Duration.between(job.submittedAt(), job.startedAt()));
    } else if (job.state().isTerminal() && job.startedAt() != null && job.finishedAt() != null) {
      double seconds = Duration.between(job.startedAt(), job.finishedAt()).toMillis() / 1000.0;
      metrics.gpuSeconds(job.user(), job.gpus() * Math.max(0, seconds));
    }
  }
}
