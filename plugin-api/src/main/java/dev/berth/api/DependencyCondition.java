package dev.berth.api;

import java.util.Locale;

/**
 * What a dependency waits for: Slurm's afterok, afterany and afternotok. A job whose dependency's
 * end does not satisfy it can never run and is cancelled.
 */
public enum DependencyCondition {
  /** The job ended COMPLETED (afterok). */
  SUCCEEDED,
  /** The job ended, however (afterany). */
  ENDED,
  /** The job ended FAILED or TIMED_OUT (afternotok). */
  FAILED;

  /** Whether a dependency that ended in {@code end} lets the dependent run; false for a live one. */
  public boolean satisfiedBy(JobState end) {
    if (!end.isTerminal()) {
      return false;
    }
    return switch (this) {
      case SUCCEEDED -> end == JobState.COMPLETED;
      case ENDED -> true;
      case FAILED -> end == JobState.FAILED || end == JobState.TIMED_OUT;
    };
  }

  /** The name used in the API: {@code succeeded}, {@code ended}, {@code failed}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The condition of an API name, ignoring case; null when there is none of that name. */
  public static DependencyCondition ofWireName(String name) {
    for (DependencyCondition c : values()) {
      if (c.name().equalsIgnoreCase(name)) {
        return c;
      }
    }
    return null;
  }
}
