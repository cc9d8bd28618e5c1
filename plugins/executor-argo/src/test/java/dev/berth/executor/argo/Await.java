package dev.berth.executor.argo;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** The testkit's {@link dev.berth.testkit.Await} with this module's generous deadline. */
final class Await {
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  private Await() {}

  static <T> T until(String what, Supplier<T> probe, Predicate<T> done) {
    return dev.berth.testkit.Await.until(what, TIMEOUT, probe, done);
  }

  static void until(String what, Supplier<Boolean> condition) {
    dev.berth.testkit.Await.until(what, TIMEOUT, condition);
  }
}
