package dev.berth.bench.infra;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Waits for a condition with a deadline, checking every few milliseconds; never a bare sleep. A
 * check that throws (a server still starting) counts as "not yet".
 */
public final class Deadline {
  private Deadline() {}

  /**
   * Waits until {@code condition} holds.
   *
   * @throws IllegalStateException naming {@code what} and the last error when time runs out
   */
  public static void await(String what, Duration timeout, Duration every, Supplier<Boolean> condition) {
    long end = System.nanoTime() + timeout.toNanos();
    Object last = null;
    while (true) {
      try {
        if (Boolean.TRUE.equals(condition.get())) {
          return;
        }
      } catch (RuntimeException e) {
        last = e;
      }
      if (System.nanoTime() > end) {
        throw new IllegalStateException("timed out after " + timeout + " waiting for " + what
            + (last == null ? "" : "; last error: " + last));
      }
      try {
        Thread.sleep(Math.max(1, every.toMillis()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for " + what, e);
      }
    }
  }
}
