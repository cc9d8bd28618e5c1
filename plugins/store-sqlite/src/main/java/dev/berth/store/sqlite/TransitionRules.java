package dev.berth.store.sqlite;

import dev.berth.api.Job;
import dev.berth.api.JobState;
import dev.berth.api.JobTransition;
import java.time.Instant;

/** What a {@link JobTransition} does to a job, as the job model and its Javadoc define it. */
final class TransitionRules {
  private TransitionRules() {}

  /**
   * The job after {@code transition}: the new state, its timestamp stamped, and every field the
   * transition leaves null kept as stored.
   */
  static Job apply(Job job, JobTransition transition) {
    JobState to = transition.to();
    Instant at = transition.at();
    Instant scheduledAt = to == JobState.SCHEDULED ? at : job.scheduledAt();
    Instant startedAt = job.startedAt();
    if (to == JobState.RUNNING
        || (to.isTerminal() && job.state() == JobState.SCHEDULED && startedAt == null)) {
      startedAt = at;
    }
    Instant finishedAt = to.isTerminal() ? at : job.finishedAt();
    return new Job(
        job.id(),
        job.name(),
        job.user(),
        job.template(),
        job.parameters(),
        job.gpus(),
        job.priority(),
        to,
        job.submittedAt(),
        scheduledAt,
        startedAt,
        finishedAt,
        transition.placement() != null ? transition.placement() : job.placement(),
        transition.exitCode() != null ? transition.exitCode() : job.exitCode(),
        transition.message() != null ? transition.message() : job.message(),
        transition.executorRef() != null ? transition.executorRef() : job.executorRef(),
        job.timeLimitSeconds());
  }
}
