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
 */
public record ExecutionStatus(
    String jobId,
    String executorRef,
    ExecutionPhase phase,
    Integer exitCode,
    String message,
    Instant startedAt,
    Instant finishedAt) {
  public ExecutionStatus {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(phase, "phase");
  }
}
