package dev.berth.notify.webhook;

import dev.berth.api.JobState;
import java.util.Set;

/** The names users and admins choose events by, as in {@code events: [failed, timed_out]}. */
final class EventNames {
  /** Every name an endpoint may list; {@code idle} is sent by the idle-GPU guard. */
  static final Set<String> ALL = Set.of("start", "end", "failed", "timed_out", "cancelled", "idle");
  /** What an endpoint hears when it lists nothing. */
  static final Set<String> DEFAULT = Set.of("failed", "timed_out");

  private EventNames() {}

  /**
   * The name of a change into {@code state}; null for changes nobody is told of (queued,
   * scheduled). {@code end} is a run that completed; failures, time-outs and cancels have their own.
   */
  static String of(JobState state) {
    return switch (state) {
      case RUNNING -> "start";
      case COMPLETED -> "end";
      case FAILED -> "failed";
      case TIMED_OUT -> "timed_out";
      case CANCELLED -> "cancelled";
      default -> null;
    };
  }
}
