package dev.berth.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyStatsTest {

  @Test
  void percentilesAreNearestRankOverEverySample() {
    long[] nanos = new long[1000];
    for (int i = 0; i < nanos.length; i++) {
      nanos[i] = (nanos.length - i) * 1_000_000L; // 1000 ms down to 1 ms, unsorted on purpose
    }

    LatencyStats s = LatencyStats.ofNanos(nanos);

    assertThat(s.count()).isEqualTo(1000);
    assertThat(s.p50Ms()).isEqualTo(500.0);
    assertThat(s.p90Ms()).isEqualTo(900.0);
    assertThat(s.p99Ms()).isEqualTo(990.0);
    assertThat(s.p999Ms()).isEqualTo(999.0);
    assertThat(s.maxMs()).isEqualTo(1000.0);
    assertThat(s.meanMs()).isEqualTo(500.5);
  }

  @Test
  void noSamplesGiveNoNumbers() {
    LatencyStats s = LatencyStats.ofNanos(new long[0]);

    assertThat(s.count()).isZero();
    assertThat(s.p99Ms()).isNaN();
  }

  @Test
  void oneSampleIsEveryPercentile() {
    LatencyStats s = LatencyStats.ofNanos(new long[] {2_500_000});

    assertThat(s.p50Ms()).isEqualTo(2.5);
    assertThat(s.p999Ms()).isEqualTo(2.5);
  }
}
