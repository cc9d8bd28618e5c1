package dev.berth.core.idle;

import java.time.Duration;

/**
 * The texts the guard writes on a job. The warning's prefix is also how a restarted (or newly
 * leading) Berth knows the owner was told already: the job's message is in the store, the guard's
 * memory is not.
 */
final class IdleMessages {
  static final String WARNED_PREFIX = "idle GPU: ";
  static final String ACTOR = "idle-guard";

  private IdleMessages() {}

  static String warning(double thresholdPercent, Duration idle) {
    return WARNED_PREFIX + "every GPU of this job has been under " + percent(thresholdPercent) + " utilisation for "
        + idle.toMinutes() + " min; the owner was told";
  }

  static String cancelled(double thresholdPercent, Duration idle) {
    return "cancelled by the idle-GPU guard: every GPU of this job was under " + percent(thresholdPercent)
        + " utilisation for " + idle.toMinutes() + " min (idleGuard.cancelAfterMinutes)";
  }

  static boolean warned(String message) {
    return message != null && message.startsWith(WARNED_PREFIX);
  }

  static String percent(double p) {
    return (p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p)) + " %";
  }
}
