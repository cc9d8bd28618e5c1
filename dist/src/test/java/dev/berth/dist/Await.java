package dev.berth.dist;

import java.time.Duration;
import java.util.function.Supplier;

/** Waits for a condition with a deadline; never a bare sleep. */
final class Await {
  private Await() {}

  static <T> T until(String what, Duration timeout, Supplier<T> probe, java.util.function.Predicate<T> done) {
    long deadline = System.nanoTime() + timeout.toNanos();
    T last = null;
    while (System.nanoTime() < deadline) {
      try {
        last = probe.get();
        if (done.test(last)) {
          return last;
        }
      } catch (RuntimeException e) {
        // not there yet (server starting, connection refused): try again
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what);
      }
    }
    throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; last seen: " + last);
  }
}
