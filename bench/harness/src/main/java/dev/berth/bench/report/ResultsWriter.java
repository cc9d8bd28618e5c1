package dev.berth.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.berth.bench.infra.Machine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes a run as {@code <name>.json} (every figure and detail) and {@code <name>.md} (the table). */
public final class ResultsWriter {
  private static final DateTimeFormatter FILE_NAME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private ResultsWriter() {}

  /** The file name stem of a run: its UTC start, prefixed with {@code quick-} in quick mode. */
  public static String stem(Results results) {
    return (results.mode().equals("quick") ? "quick-" : "") + FILE_NAME.format(results.started());
  }

  /** Writes both files into {@code dir}; returns the Markdown file. */
  public static Path write(Results results, Path dir, Instant finished) throws IOException {
    Files.createDirectories(dir);
    String stem = stem(results);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("mode", results.mode());
    json.put("started", results.started().toString());
    json.put("finished", finished.toString());
    json.put("machine", results.machine());
    json.put("loadAverageAtEnd", Machine.loadAverage());
    json.put("benchmarks", results.ranBenchmarks());
    json.put("measurements", results.measurements());
    json.put("notes", results.notes());
    json.put("profiles", results.profiles());
    json.put("failures", results.failures());
    ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
        .enable(SerializationFeature.INDENT_OUTPUT);
    Files.writeString(dir.resolve(stem + ".json"), mapper.writeValueAsString(json));
    Path md = dir.resolve(stem + ".md");
    Files.writeString(md, markdown(results, finished));
    return md;
  }

  static String markdown(Results results, Instant finished) {
    StringBuilder out = new StringBuilder();
    out.append("# Berth benchmark run ").append(results.started()).append(" (").append(results.mode()).append(")\n\n");
    out.append("Machine: ").append(Machine.oneLine(results.machine())).append(".  \n");
    out.append("Load average (1 min): ").append(results.machine().get("loadAverageAtStart")).append(" at the start, ")
        .append(Machine.loadAverage()).append(" at the end (").append(finished).append(").\n\n");
    out.append("| Benchmark | Subject | Figure | Value | Target | Met | Load |\n");
    out.append("| --- | --- | --- | ---: | --- | --- | ---: |\n");
    for (Measurement m : results.measurements()) {
      out.append("| ").append(m.benchmark()).append(" | ").append(m.subject()).append(" | ").append(m.figure())
          .append(" | ").append(format(m.value(), m.unit())).append(" | ")
          .append(m.target() == null ? "" : m.target()).append(" | ")
          .append(m.met() == null ? "" : m.met() ? "yes" : "**no**").append(" | ")
          .append(String.format(Locale.ROOT, "%.2f", m.loadAverage())).append(" |\n");
    }
    if (!results.notes().isEmpty()) {
      out.append("\n## Notes\n");
      results.notes().forEach((benchmark, lines) -> {
        out.append("\n### ").append(benchmark).append("\n\n");
        lines.forEach(l -> out.append("- ").append(l).append('\n'));
      });
    }
    if (!results.profiles().isEmpty()) {
      out.append("\n## Profiles (JFR execution samples)\n");
      results.profiles().forEach((name, summary) -> {
        out.append("\n### ").append(name).append("\n\n");
        if (summary instanceof Map<?, ?> map) {
          map.forEach((section, rows) -> {
            if (!(rows instanceof List<?>)) {
              out.append(section).append(": ").append(rows).append("\n\n");
              return;
            }
            out.append("**").append(section).append("**\n\n| share | frame |\n| ---: | --- |\n");
            if (rows instanceof List<?> list) {
              for (Object row : list) {
                if (row instanceof Map<?, ?> r) {
                  out.append("| ").append(String.format(Locale.ROOT, "%.1f %%", ((Number) r.get("percent")).doubleValue()))
                      .append(" | `").append(r.get("frame")).append("` |\n");
                }
              }
            }
            out.append('\n');
          });
        }
      });
    }
    if (!results.failures().isEmpty()) {
      out.append("\n## Failures\n\n");
      results.failures().forEach(f -> out.append("- ").append(f.get("benchmark")).append(": ")
          .append(f.get("error").replace('\n', ' ')).append('\n'));
    }
    return out.toString();
  }

  /** A value with its unit, rounded for reading. */
  static String format(double value, String unit) {
    if (!Double.isFinite(value)) {
      return "n/a";
    }
    return switch (unit) {
      case "1/s" -> String.format(Locale.ROOT, "%,.0f /s", value);
      case "ms" -> String.format(Locale.ROOT, value < 10 ? "%.3f ms" : "%,.1f ms", value);
      case "s" -> String.format(Locale.ROOT, "%,.2f s", value);
      case "ratio" -> String.format(Locale.ROOT, "%.3f×", value);
      case "%" -> String.format(Locale.ROOT, "%.1f %%", value);
      case "MiB" -> String.format(Locale.ROOT, "%,.1f MiB", value);
      case "KiB" -> String.format(Locale.ROOT, "%,.0f KiB", value);
      case "B" -> String.format(Locale.ROOT, "%,.0f B", value);
      case "jobs" -> String.format(Locale.ROOT, "%,.0f jobs", value);
      default -> String.format(Locale.ROOT, "%,.2f %s", value, unit);
    };
  }
}
