package dev.berth.bench.report;

import java.util.Map;

/**
 * One figure of a run, with the machine's load when it was taken.
 *
 * @param benchmark the benchmark's number and name, such as {@code 1 submit}
 * @param subject what was measured, such as {@code Berth + Redis} or {@code bare Javalin}
 * @param figure which figure, such as {@code submits/s} or {@code p99 latency}
 * @param unit {@code 1/s}, {@code ms}, {@code MiB}, {@code ratio}…
 * @param target the target as text ({@code ≥ 10000}), or null
 * @param met whether the value meets the target; null without a target
 * @param loadAverage the 1-minute load average right after it was measured
 * @param details more numbers behind the figure (percentiles, counts)
 */
public record Measurement(String benchmark, String subject, String figure, double value, String unit, String target,
    Boolean met, double loadAverage, Map<String, Object> details) {

  public Measurement {
    details = details == null ? Map.of() : Map.copyOf(details);
  }

  /** Whether the value is a number (not NaN or infinite). */
  public boolean hasNumber() {
    return Double.isFinite(value);
  }
}
