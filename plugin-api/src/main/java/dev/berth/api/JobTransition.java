package dev.berth.api;

import java.time.Instant;
import java.util.Objects;

/**
 * One state change requested of a store, with the fields that change together with the state.
 * Fields left null keep their stored value.
 *
 * <p>The store stamps the matching timestamp with {@code at}: scheduledAt for SCHEDULED, startedAt
 * for RUNNING, finishedAt for a terminal state (and startedAt too when a job goes straight from
 * SCHEDULED to an end and had none).
 *
 * <p>A transition from SCHEDULED or RUNNING to QUEUED is a retry: the job becomes its next attempt,
 * with the run's fields (timestamps but the submission's, placement, exit code, executor reference)
 * cleared, so it waits in its old place as if new.
 *
 * @param to the new state
 * @param at when it happened (the executor's time when it knows it, else the host clock)
 * @param actor who caused it: {@code scheduler}, {@code reconciler}, {@code executor}, a user name
 * @param message the reason, shown to users; may be null
 */
public record JobTransition(
    JobState to,
    Instant at,
    String actor,
    String message,
    Placement placement,
    Integer exitCode,
    String executorRef) {

  public JobTransition {
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(actor, "actor");
  }

  public static JobTransition to(JobState to, Instant at, String actor, String message) {
    return new JobTransition(to, at, actor, message, null, null, null);
  }

  /**
   * The job after this transition, as every store must write it: the new state, the matching
   * timestamp stamped with {@link #at}, and every field the transition leaves null kept as stored.
   * The one home of the rule, so the stores cannot drift apart.
   */
  public Job applyTo(Job job) {
    if (to == JobState.QUEUED && job.state().isActive()) {
      return new Job(job.id(), job.name(), job.user(), job.template(), job.parameters(), job.gpus(), job.priority(),
          to, job.submittedAt(), null, null, null, null, null, message, null, job.timeLimitSeconds(),
          job.notifyEvents(), job.flow().withAttempt(job.attempt() + 1), job.interactive());
    }
    Instant scheduledAt = to == JobState.SCHEDULED ? at : job.scheduledAt();
    Instant startedAt = job.startedAt();
    if (to == JobState.RUNNING || (to.isTerminal() && job.state() == JobState.SCHEDULED && startedAt == null)) {
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
        placement != null ? placement : job.placement(),
        exitCode != null ? exitCode : job.exitCode(),
        message != null ? message : job.message(),
        executorRef != null ? executorRef : job.executorRef(),
        job.timeLimitSeconds(),
        job.notifyEvents(),
        job.flow(),
        job.interactive());
  }

  public JobTransition withExitCode(Integer code) {
    return new JobTransition(to, at, actor, message, placement, code, executorRef);
  }

  public JobTransition withExecutorRef(String ref) {
    return new JobTransition(to, at, actor, message, placement, exitCode, ref);
  }
}
