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

  public JobTransition withExitCode(Integer code) {
    return new JobTransition(to, at, actor, message, placement, code, executorRef);
  }

  public JobTransition withExecutorRef(String ref) {
    return new JobTransition(to, at, actor, message, placement, exitCode, ref);
  }
}
