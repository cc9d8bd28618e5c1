package dev.berth.core.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Failed sign-ins per key (an account or an address) in a window that opens at the first failure.
 * Its memory is fixed: at most {@code capacity} keys, the least recently touched dropped first, and
 * each key holds a count and a start time rather than every failure, so a flood of made-up names
 * or addresses cannot grow it.
 */
final class FailureCounts {
  private record Window(Instant start, int failures) {}

  private final Clock clock;
  private final Duration window;
  private final int limit;
  private final Map<String, Window> windows;

  FailureCounts(Clock clock, Duration window, int limit, int capacity) {
    this.clock = clock;
    this.window = window;
    this.limit = limit;
    this.windows = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
        return size() > capacity;
      }
    };
  }

  /** Seconds until {@code key} may try again; 0 when it is under the limit. */
  synchronized long waitSeconds(String key) {
    Window w = current(key);
    if (w == null || w.failures() < limit) {
      return 0;
    }
    return Math.max(1, Duration.between(clock.instant(), w.start().plus(window)).toSeconds());
  }

  synchronized void failed(String key) {
    Window w = current(key);
    windows.put(key, w == null ? new Window(clock.instant(), 1) : new Window(w.start(), w.failures() + 1));
  }

  synchronized void clear(String key) {
    windows.remove(key);
  }

  synchronized int size() {
    return windows.size();
  }

  /** The key's open window, forgetting one that has closed. */
  private Window current(String key) {
    Window w = windows.get(key);
    if (w != null && !w.start().plus(window).isAfter(clock.instant())) {
      windows.remove(key);
      return null;
    }
    return w;
  }
}
