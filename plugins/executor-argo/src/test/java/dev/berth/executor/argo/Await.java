package dev.berth.executor.argo;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waiting on a condition with a deadline, generous for a busy machine. */
final class Await {
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  private Await() {}

  static <T> T until(String what, Supplier<T> probe, Predicate<T> done) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    T value = probe.get();
    while (!done.test(value)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what + "; last saw " + value);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
      value = probe.get();
    }
    return value;
  }

  static void until(String what, Supplier<Boolean> condition) {
    until(what, condition, Boolean::booleanValue);
  }
}
