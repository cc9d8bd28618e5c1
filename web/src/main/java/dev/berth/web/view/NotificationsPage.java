package dev.berth.web.view;

import java.util.List;
import java.util.Map;

/**
 * The signed-in user's notification choices, as saved or as just typed when they were refused.
 *
 * @param errors a message per refused field ({@code email}, {@code events}, {@code webhookUrl})
 * @param webhookHosts the hosts an admin allows for a user's webhook; empty when none
 */
public record NotificationsPage(Layout layout, String email, List<Event> events, String webhookUrl,
    Map<String, String> errors, List<String> webhookHosts) {

  /** One event as a checkbox. */
  public record Event(String name, String label, boolean checked) {}

  public String error(String field) {
    return errors.get(field);
  }
}
