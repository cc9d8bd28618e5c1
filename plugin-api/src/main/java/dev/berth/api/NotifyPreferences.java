package dev.berth.api;

import java.util.Objects;
import java.util.Set;

/**
 * What one user wants to be told of, as they set it on their account page. The host validated
 * every field before it was saved: the address has one {@code @}, every event is one of {@link
 * #EVENTS}, and the webhook URL's host is one an admin allowed.
 *
 * @param email where the {@code email} listener writes; null when the user gave none
 * @param events which of {@link #EVENTS} the user hears of about their own jobs
 * @param webhookUrl the user's own webhook receiver; null when none
 */
public record NotifyPreferences(String user, String email, Set<String> events, String webhookUrl) {
  /** Every event name, for users and for the admin's endpoints alike. */
  public static final Set<String> EVENTS = Set.of("start", "end", "failed", "timed_out", "cancelled", "idle");
  /** What a user hears of before they chose anything. */
  public static final Set<String> DEFAULT_EVENTS = Set.of("failed", "timed_out");

  public NotifyPreferences {
    Objects.requireNonNull(user, "user");
    events = Set.copyOf(events);
  }

  /** The events to tell of for {@code job}: its own {@code notify} list if its submission gave one. */
  public java.util.Set<String> eventsFor(Job job) {
    return job.notifyEvents() != null ? Set.copyOf(job.notifyEvents()) : events;
  }

  /** A user who never saved a choice: no address, no webhook, the default events. */
  public static NotifyPreferences defaults(String user) {
    return new NotifyPreferences(user, null, DEFAULT_EVENTS, null);
  }

  /**
   * The event name of {@code event}: {@code idle} for the idle-GPU guard's warning, which leaves the
   * job RUNNING (its {@code from} and {@code to} are both RUNNING and it is not in the job's stored
   * history); otherwise {@link #eventOf(JobState)} of the state it moved to.
   */
  public static String eventOf(JobEvent event) {
    if (event.from() == JobState.RUNNING && event.to() == JobState.RUNNING) {
      return "idle";
    }
    return eventOf(event.to());
  }

  /**
   * The event name of a change into {@code state}; null for changes nobody is told of (queued,
   * scheduled). {@code end} is a run that completed; the other ends have their own names.
   */
  public static String eventOf(JobState state) {
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
