package dev.berth.probe.dcgm;

import java.util.List;
import java.util.Map;

/**
 * A whole parsed Prometheus text exposition.
 *
 * @param types metric family name to its {@code # TYPE} ({@code gauge}, {@code counter}, …)
 * @param help metric family name to its unescaped {@code # HELP} text
 * @param errors one sentence per line that could not be read, naming the line number; the other
 *     lines still count
 */
record PrometheusExposition(
    List<PrometheusSample> samples, Map<String, String> types, Map<String, String> help, List<String> errors) {
  PrometheusExposition {
    samples = List.copyOf(samples);
    types = Map.copyOf(types);
    help = Map.copyOf(help);
    errors = List.copyOf(errors);
  }
}
