package dev.berth.core.notify;

import dev.berth.core.config.ConfigException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The host's part of the {@code notify:} section: how failed deliveries are retried. The channels
 * themselves ({@code notify.webhook}, {@code notify.email}) are the listener plugins' own sections.
 */
public final class NotifyConfig {
  public static final String BACKOFF_KEY = "notify.retryAfterSeconds";

  private NotifyConfig() {}

  /** {@code notify.retryAfterSeconds: [30, 90, 180, 300]} (the default): the waits between tries. */
  public static Backoff backoff(Map<String, Object> tree) {
    Object notify = tree.get("notify");
    Object waits = notify instanceof Map<?, ?> m ? m.get("retryAfterSeconds") : null;
    if (waits == null) {
      return Backoff.DEFAULT;
    }
    if (!(waits instanceof List<?> list)) {
      throw new ConfigException(BACKOFF_KEY + " must be a list of seconds, such as [30, 90, 180, 300]");
    }
    List<Duration> out = new ArrayList<>();
    for (Object w : list) {
      double seconds;
      try {
        seconds = Double.parseDouble(String.valueOf(w).trim());
      } catch (NumberFormatException e) {
        throw new ConfigException(BACKOFF_KEY + ": '" + w + "' is not a number of seconds");
      }
      if (!(seconds >= 0) || seconds > 86_400) {
        throw new ConfigException(BACKOFF_KEY + ": " + w + " must be between 0 and 86400 seconds");
      }
      out.add(Duration.ofMillis(Math.round(seconds * 1000)));
    }
    return new Backoff(out);
  }
}
