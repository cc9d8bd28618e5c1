package dev.berth.api;

import java.time.Instant;
import java.util.Objects;

/**
 * An executor's report on one job.
 *
 * @param executorRef the executor's name for the job run (a PID, a workflow name)
 * @param exitCode the process exit code when known
 * @param message a reason for users, for failures especially; may be null
 * @param startedAt when it started running, if known
 * @param finishedAt when it ended, if it did and the executor knows
 * @param attempt which attempt of the job this run is ({@link Job#attempt()}); the host ignores a
 *     report of an attempt the job has left behind
 */
public record ExecutionStatus(
    String jobId,
    String executorRef,
    ExecutionPhase phase,
    Integer exitCode,
    String message,
    Instant startedAt,
    Instant finishedAt,
    int attempt) {
  public ExecutionStatus {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(phase, "phase");
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt counts from 1, was " + attempt);
    }
  }

  /** A report on a job's first attempt: for executors that never run a job twice. */
  public ExecutionStatus(String jobId, String executorRef, ExecutionPhase phase, Integer exitCode, String message,
      Instant startedAt, Instant finishedAt) {
    this(jobId, executorRef, phase, exitCode, message, startedAt, finishedAt, 1);
  }
}
