package dev.berth.probe.dcgm;

import java.util.Map;

/**
 * One sample line of the Prometheus text format.
 *
 * @param labels label names to their unescaped values, in the order written
 * @param timestampMillis the optional timestamp, milliseconds since the epoch; null when absent
 */
record PrometheusSample(String name, Map<String, String> labels, double value, Long timestampMillis) {
  PrometheusSample {
    labels = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labels));
  }

  /** The label's value, or null when the sample lacks it. */
  String label(String labelName) {
    return labels.get(labelName);
  }
}
