package dev.berth.order.multifactor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The age factor's wait is exactly what {@code Duration.between(...).toMillis()} gives. */
class MillisBetweenTest {
  @Test
  void agreesWithDurationBetweenForwardsBackwardsAndAcrossSecondBoundaries() {
    Random random = new Random(18);
    Instant base = Instant.parse("2026-12-04T10:00:00.999999999Z");
    for (int i = 0; i < 100_000; i++) {
      Instant from = base.plusNanos(random.nextLong() % 1_000_000_000_000L);
      Instant to = from.plusNanos(random.nextLong() % 10_000_000_000L);
      assertThat(MultifactorOrder.millisBetween(from, to))
          .as("%s → %s", from, to)
          .isEqualTo(Duration.between(from, to).toMillis());
    }
    Instant t = Instant.parse("2026-12-04T10:00:00Z");
    assertThat(MultifactorOrder.millisBetween(t, t)).isZero();
    assertThat(MultifactorOrder.millisBetween(t.plusNanos(1), t)).isEqualTo(Duration.ofNanos(-1).toMillis());
  }
}
