package dev.berth.probe.nvidia;

import dev.berth.api.GpuResources;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Turns the output of {@code nvidia-smi --query-gpu=index,uuid,name,memory.used,memory.total,
 * utilization.gpu,power.draw,temperature.gpu,clocks.sm,clocks_throttle_reasons.active
 * --format=csv,noheader,nounits} into GPUs: {@code clocks.sm} becomes the extra metric {@link
 * GpuResources#SM_CLOCK_MHZ}, and the throttle bitmask NVML's reason names.
 *
 * <p>Tolerant by design: blank lines, trailing spaces, CRLF line ends, a header line and unit
 * suffixes are accepted, placeholders become unknown metrics, and a line that is not a GPU row
 * (such as "Unable to determine the device handle for GPU 0000:02:00.0: GPU is lost") becomes an
 * error naming the line while the other lines are still read. A non-zero exit means the run failed
 * as a whole (driver not loaded, no devices): no GPUs, and the first line it printed as the error.
 */
final class NvidiaSmiOutputParser {

  private static final int COLUMNS = 10;
  // The columns after the name.
  private static final int METRICS = 7;
  private static final int MAX_QUOTED_LINE = 200;

  private NvidiaSmiOutputParser() {}

  static GpuReading parse(CommandOutput output) {
    if (output.exitCode() != 0) {
      return GpuReading.failed(failureMessage(output));
    }
    List<GpuResources> gpus = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    String[] lines = output.stdout().split("\\R");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || isHeader(line)) {
        continue;
      }
      try {
        gpus.add(parseRow(line));
      } catch (MalformedRowException e) {
        errors.add(
            "nvidia-smi line " + (i + 1) + " not understood (" + e.getMessage() + "): " + quote(line));
      }
    }
    return new GpuReading(gpus, errors);
  }

  /**
   * One GPU row. Ten comma-separated fields; should a GPU name ever hold a comma, the fields
   * between the UUID and the last seven metrics are the name.
   */
  static GpuResources parseRow(String line) throws MalformedRowException {
    String[] fields = Arrays.stream(line.split(",", -1)).map(String::strip).toArray(String[]::new);
    if (fields.length < COLUMNS) {
      throw new MalformedRowException(
          "expected " + COLUMNS + " comma-separated fields, found " + fields.length);
    }
    int metrics = fields.length - METRICS;
    Double smClock = MetricText.megahertz(fields[metrics + 5], "clocks.sm");
    return new GpuResources(
        index(fields[0]),
        MetricText.text(fields[1]),
        String.join(", ", Arrays.asList(fields).subList(2, metrics)),
        MetricText.mebibytes(fields[metrics], "memory.used"),
        MetricText.mebibytes(fields[metrics + 1], "memory.total"),
        MetricText.percent(fields[metrics + 2], "utilization.gpu"),
        MetricText.watts(fields[metrics + 3], "power.draw"),
        MetricText.celsius(fields[metrics + 4], "temperature.gpu"),
        MetricText.throttleReasons(fields[metrics + 6], "clocks_throttle_reasons.active"),
        smClock == null ? Map.of() : Map.of(GpuResources.SM_CLOCK_MHZ, smClock));
  }

  private static int index(String field) throws MalformedRowException {
    try {
      int index = Integer.parseInt(field);
      if (index < 0) {
        throw new MalformedRowException("index '" + field + "' is negative");
      }
      return index;
    } catch (NumberFormatException e) {
      throw new MalformedRowException("index '" + field + "' is not a number");
    }
  }

  /** The line nvidia-smi prints first without {@code noheader}; skipped rather than reported. */
  private static boolean isHeader(String line) {
    return line.regionMatches(true, 0, "index,", 0, "index,".length());
  }

  private static String failureMessage(CommandOutput output) {
    String line = firstNonBlankLine(output.stdout());
    if (line == null) {
      line = firstNonBlankLine(output.stderr());
    }
    return line != null ? quote(line) : "nvidia-smi exited with code " + output.exitCode();
  }

  private static String firstNonBlankLine(String text) {
    for (String line : text.split("\\R")) {
      if (!line.isBlank()) {
        return line.strip();
      }
    }
    return null;
  }

  private static String quote(String line) {
    return line.length() <= MAX_QUOTED_LINE ? line : line.substring(0, MAX_QUOTED_LINE) + "…";
  }
}
