package dev.berth.core.idle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class UtilizationHistoryTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  private static UtilizationPoint minute(int i, double util, boolean idle) {
    return new UtilizationPoint(T0.plusSeconds(60L * i), T0.plusSeconds(60L * (i + 1)), util, 1000L, 2, idle ? 60 : 0);
  }

  @Test
  void aFullHistoryMergesNeighboursInPairsKeepingTheWholeRunAndItsIdleTime() {
    UtilizationHistory h = new UtilizationHistory(8);
    for (int i = 0; i < 9; i++) {
      h.add(minute(i, i % 2 == 0 ? 0 : 100, i % 2 == 0));
    }

    assertThat(h.points()).hasSize(5);
    assertThat(h.points().get(0).from()).isEqualTo(T0);
    assertThat(h.points().get(0).to()).isEqualTo(T0.plusSeconds(120));
    assertThat(h.points().get(0).utilizationPercent()).isEqualTo(50.0);
    assertThat(h.points().get(4).to()).isEqualTo(T0.plusSeconds(9 * 60));
    // Five idle minutes on two GPUs.
    assertThat(h.idleGpuHours()).isEqualTo(5 * 60 * 2 / 3600.0);
  }

  @Test
  void neverHoldsMoreThanItsBound() {
    UtilizationHistory h = new UtilizationHistory();
    for (int i = 0; i < 100_000; i++) {
      h.add(minute(i, 10, false));
    }
    assertThat(h.points()).hasSizeLessThanOrEqualTo(UtilizationHistory.MAX_POINTS);
    assertThat(h.points().get(0).from()).isEqualTo(T0);
  }
}
