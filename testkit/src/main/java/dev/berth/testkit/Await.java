package dev.berth.testkit;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for a condition with a deadline, for tests on a busy machine: never a bare sleep, and the
 * failure says what was awaited and what was last seen.
 */
public final class Await {
  /**
   * The deadline of the overloads that take none: generous, because a 2-core machine running five
   * builds at once is slow, and a deadline only bounds a failing test.
   */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  private Await() {}

  /**
   * Polls {@code probe} until {@code done} accepts its value. A probe that throws (a server still
   * starting, a connection refused) counts as "not yet"; its last error is reported on timeout.
   */
  public static <T> T until(String what, Duration timeout, Supplier<T> probe, Predicate<T> done) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Object last = null;
    while (true) {
      try {
        T value = probe.get();
        if (done.test(value)) {
          return value;
        }
        last = value;
      } catch (RuntimeException e) {
        last = e;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; last saw " + last);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
    }
  }

  /** Polls {@code condition} until it holds. */
  public static void until(String what, Duration timeout, Supplier<Boolean> condition) {
    until(what, timeout, condition, Boolean::booleanValue);
  }

  /** {@link #until(String, Duration, Supplier, Predicate)} with {@link #DEFAULT_TIMEOUT}. */
  public static <T> T until(String what, Supplier<T> probe, Predicate<T> done) {
    return until(what, DEFAULT_TIMEOUT, probe, done);
  }

  /** {@link #until(String, Duration, Supplier)} with {@link #DEFAULT_TIMEOUT}. */
  public static void until(String what, Supplier<Boolean> condition) {
    until(what, DEFAULT_TIMEOUT, condition);
  }
}
