package dev.berth.web;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waits for a condition with a deadline; never a bare sleep. */
final class Await {
  static final Duration T = Duration.ofSeconds(30);

  private Await() {}

  static <T> T until(String what, Duration timeout, Supplier<T> probe, Predicate<T> done) {
    long deadline = System.nanoTime() + timeout.toNanos();
    T last = null;
    RuntimeException lastError = null;
    while (System.nanoTime() < deadline) {
      try {
        last = probe.get();
        if (done.test(last)) {
          return last;
        }
      } catch (RuntimeException e) {
        lastError = e;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what);
      }
    }
    AssertionError error = new AssertionError("timed out after " + timeout + " waiting for " + what + "; last seen: " + last);
    if (lastError != null) {
      error.addSuppressed(lastError);
    }
    throw error;
  }
}
