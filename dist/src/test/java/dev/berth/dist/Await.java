package dev.berth.dist;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Short name for the testkit's {@link dev.berth.testkit.Await} in the end-to-end tests. */
final class Await {
  private Await() {}

  static <T> T until(String what, Duration timeout, Supplier<T> probe, Predicate<T> done) {
    return dev.berth.testkit.Await.until(what, timeout, probe, done);
  }
}
