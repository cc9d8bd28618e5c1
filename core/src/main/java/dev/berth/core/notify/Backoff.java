package dev.berth.core.notify;

import java.time.Duration;
import java.util.List;

/**
 * How long to wait before each retry of a failed delivery. The number of tries is one more than the
 * number of waits.
 *
 * @param waits the pause before the second, third, ... try
 */
public record Backoff(List<Duration> waits) {

  /** Five tries over about ten minutes: at once, then after 30 s, 1.5 min, 3 min and 5 min. */
  public static final Backoff DEFAULT =
      new Backoff(List.of(Duration.ofSeconds(30), Duration.ofSeconds(90), Duration.ofMinutes(3), Duration.ofMinutes(5)));

  public Backoff {
    waits = List.copyOf(waits);
  }

  public int tries() {
    return waits.size() + 1;
  }

  /** The pause after failed try {@code tryNumber} (1-based), or null when it was the last. */
  public Duration after(int tryNumber) {
    return tryNumber <= waits.size() ? waits.get(tryNumber - 1) : null;
  }
}
