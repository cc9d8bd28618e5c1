package dev.berth.api;

import java.util.EnumSet;
import java.util.Set;

/**
 * The life of a job. QUEUED → SCHEDULED → RUNNING → COMPLETED | FAILED | TIMED_OUT, and QUEUED,
 * HELD, SCHEDULED or RUNNING → CANCELLED. A SCHEDULED job may also end FAILED (the executor refused
 * it), COMPLETED or TIMED_OUT (it ran so briefly that RUNNING was never observed). TIMED_OUT means
 * the run was stopped because it reached its time limit. QUEUED ⇄ HELD holds a job back and lets it
 * go, keeping its place. SCHEDULED or RUNNING → QUEUED is a retry: the run failed and the job has
 * retries left, so it is queued again as its next attempt ({@link JobTransition#applyTo}). Every
 * other transition is refused by every store.
 */
public enum JobState {
  QUEUED,
  /** Held back by its owner or an admin: not scheduled until released, and keeps its place. */
  HELD,
  SCHEDULED,
  RUNNING,
  COMPLETED,
  FAILED,
  CANCELLED,
  /** Stopped because it ran for its whole time limit. */
  TIMED_OUT;

  /** The states that hold a reservation on a node's GPUs and count against maxRunningJobs. */
  public static final Set<JobState> ACTIVE = EnumSet.of(SCHEDULED, RUNNING);

  /** The states of a job that waits to start: queued, or held back. */
  public static final Set<JobState> WAITING = EnumSet.of(QUEUED, HELD);

  /** The states a job never leaves. */
  public static final Set<JobState> TERMINAL = EnumSet.of(COMPLETED, FAILED, CANCELLED, TIMED_OUT);

  public boolean isTerminal() {
    return TERMINAL.contains(this);
  }

  public boolean isActive() {
    return ACTIVE.contains(this);
  }

  /** Whether the job model allows going from this state to {@code next}. */
  public boolean canTransitionTo(JobState next) {
    return switch (this) {
      case QUEUED -> next == SCHEDULED || next == CANCELLED || next == HELD;
      case HELD -> next == QUEUED || next == CANCELLED;
      case SCHEDULED -> next == RUNNING || next == COMPLETED || next == FAILED || next == CANCELLED
          || next == TIMED_OUT || next == QUEUED;
      case RUNNING -> next == COMPLETED || next == FAILED || next == CANCELLED || next == TIMED_OUT
          || next == QUEUED;
      case COMPLETED, FAILED, CANCELLED, TIMED_OUT -> false;
    };
  }

  /**
   * The states among {@code expectedFrom} that the job model lets move to this one: what a store's
   * compare-and-set may accept for a transition to this state, so no store keeps its own copy of
   * the rules.
   */
  public Set<JobState> allowedFrom(Set<JobState> expectedFrom) {
    Set<JobState> allowed = EnumSet.noneOf(JobState.class);
    for (JobState from : expectedFrom) {
      if (from.canTransitionTo(this)) {
        allowed.add(from);
      }
    }
    return allowed;
  }
}
