package dev.berth.store.sqlite;

import java.time.Duration;
import java.time.Instant;

/**
 * The ledger's arithmetic, in doubles: a value halves every half-life. The Redis store and the
 * testkit's in-memory store do the same sums, so the contract suite holds all three to one figure.
 */
final class UsageDecay {
  private UsageDecay() {}

  /**
   * {@code value}, which stood at {@code from}, as it stands at {@code to}. It never grows when
   * {@code to} is the earlier (two processes' clocks a little apart), and a stored value that is
   * not a finite positive number counts as none rather than poisoning every sum after it.
   */
  static double decay(double value, Instant from, Instant to, Duration halfLife) {
    double v = finite(value);
    double elapsed = seconds(Duration.between(from, to));
    if (v == 0 || elapsed <= 0) {
      return v;
    }
    return v * Math.pow(2, -elapsed / seconds(halfLife));
  }

  /** {@code value} when finite and positive, else 0. */
  static double finite(double value) {
    return value > 0 && !Double.isInfinite(value) ? value : 0;
  }

  static double seconds(Duration d) {
    return d.getSeconds() + d.getNano() / 1e9;
  }

  static void requirePositive(Duration halfLife) {
    if (halfLife.isNegative() || halfLife.isZero()) {
      throw new IllegalArgumentException("the half-life must be positive, was " + halfLife);
    }
  }
}
