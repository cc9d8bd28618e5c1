package dev.berth.bench.load;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Exact percentiles of a set of latencies (every sample kept, sorted once), in milliseconds.
 *
 * @param count how many samples
 */
public record LatencyStats(long count, double meanMs, double p50Ms, double p90Ms, double p99Ms, double p999Ms,
    double maxMs) {

  /** The statistics of {@code nanos} (the array is sorted in place). */
  public static LatencyStats ofNanos(long[] nanos) {
    if (nanos.length == 0) {
      return new LatencyStats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    Arrays.sort(nanos);
    double sum = 0;
    for (long n : nanos) {
      sum += n;
    }
    return new LatencyStats(nanos.length, ms(sum / nanos.length), ms(percentile(nanos, 50)), ms(percentile(nanos, 90)),
        ms(percentile(nanos, 99)), ms(percentile(nanos, 99.9)), ms(nanos[nanos.length - 1]));
  }

  /** The nearest-rank percentile of sorted {@code values}. */
  static long percentile(long[] sorted, double p) {
    // The epsilon keeps 99.9 % of 1000 at rank 999: in binary, 99.9 / 100 × 1000 is a hair above it.
    int rank = (int) Math.ceil(p / 100.0 * sorted.length - 1e-9);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  private static double ms(double nanos) {
    return nanos / 1_000_000.0;
  }

  /** As report fields: count, mean, p50, p90, p99, p99.9 and max. */
  public Map<String, Object> fields() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("count", count);
    m.put("meanMs", meanMs);
    m.put("p50Ms", p50Ms);
    m.put("p90Ms", p90Ms);
    m.put("p99Ms", p99Ms);
    m.put("p999Ms", p999Ms);
    m.put("maxMs", maxMs);
    return m;
  }
}
