package dev.berth.api;

/** What an executor knows of a job it was given. */
public enum ExecutionPhase {
  /** Accepted but not yet running (an Argo workflow waiting for a pod). */
  PENDING,
  RUNNING,
  /** Ended with exit code 0. */
  SUCCEEDED,
  /** Ended otherwise; the status carries the exit code or the message. */
  FAILED,
  /** Ended because Berth asked it to stop. */
  CANCELLED,
  /** Ended because the executor stopped it at the job's time limit. */
  TIMED_OUT;

  public boolean isFinished() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED || this == TIMED_OUT;
  }
}
