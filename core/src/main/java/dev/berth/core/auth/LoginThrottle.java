package dev.berth.core.auth;

import dev.berth.core.errors.TooManyRequestsException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after {@code maxFailures} failed sign-ins for one user from one address
 * within the window, or four times as many from one address for any users, further attempts are
 * refused (429) until the oldest failure leaves the window. Kept in memory per process.
 */
public final class LoginThrottle {
  private final Clock clock;
  private final int maxFailures;
  private final Duration window;
  private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

  public LoginThrottle(Clock clock, int maxFailures, Duration window) {
    this.clock = clock;
    this.maxFailures = maxFailures;
    this.window = window;
  }

  /** @throws TooManyRequestsException when this user or address must wait */
  public void check(String username, String address) {
    Instant now = clock.instant();
    long wait = Math.max(waitSeconds(pairKey(username, address), maxFailures, now),
        waitSeconds(addressKey(address), maxFailures * 4, now));
    if (wait > 0) {
      throw new TooManyRequestsException("too many failed sign-ins for this user from this address; try again in "
          + wait + " s", wait);
    }
  }

  public void failed(String username, String address) {
    Instant now = clock.instant();
    for (String key : new String[] {pairKey(username, address), addressKey(address)}) {
      Deque<Instant> d = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
      synchronized (d) {
        d.addLast(now);
        while (d.size() > maxFailures * 4) {
          d.removeFirst();
        }
      }
    }
    if (failures.size() > 100_000) {
      failures.entrySet().removeIf(e -> expired(e.getValue(), now));
    }
  }

  public void succeeded(String username, String address) {
    failures.remove(pairKey(username, address));
  }

  private long waitSeconds(String key, int limit, Instant now) {
    Deque<Instant> d = failures.get(key);
    if (d == null) {
      return 0;
    }
    synchronized (d) {
      while (!d.isEmpty() && !d.peekFirst().plus(window).isAfter(now)) {
        d.removeFirst();
      }
      if (d.size() < limit) {
        return 0;
      }
      Instant oldestCounted = d.stream().skip(d.size() - limit).findFirst().orElse(now);
      return Math.max(1, Duration.between(now, oldestCounted.plus(window)).toSeconds());
    }
  }

  private boolean expired(Deque<Instant> d, Instant now) {
    synchronized (d) {
      return d.isEmpty() || !d.peekLast().plus(window).isAfter(now);
    }
  }

  private static String pairKey(String username, String address) {
    return "u:" + username + "@" + address;
  }

  private static String addressKey(String address) {
    return "a:" + address;
  }
}
