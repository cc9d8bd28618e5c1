package dev.berth.bench.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedisBenchmarkTest {

  @Test
  void readsRedis7CsvWithPercentiles() {
    List<RedisBenchmark.Row> rows = RedisBenchmark.parse("""
        "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"
        "PING_MBULK","106382.98","0.100","0.024","0.095","0.151","0.263","0.903"
        "SET","90909.09","0.351","0.080","0.327","0.599","1.015","1.087"
        """);

    assertThat(rows).containsExactly(
        new RedisBenchmark.Row("PING_MBULK", 106382.98, 0.095, 0.263),
        new RedisBenchmark.Row("SET", 90909.09, 0.327, 1.015));
  }

  @Test
  void readsOlderCsvWithoutPercentiles() {
    List<RedisBenchmark.Row> rows = RedisBenchmark.parse("\"SET\",\"80000.00\"\n\"GET\",\"85000.00\"\n");

    assertThat(rows).extracting(RedisBenchmark.Row::test).containsExactly("SET", "GET");
    assertThat(rows.get(0).rps()).isEqualTo(80000.0);
    assertThat(rows.get(0).p99Ms()).isNaN();
  }
}
