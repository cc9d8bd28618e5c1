package dev.berth.sim;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/** The trace formats {@code berth simulate --format} reads. */
public enum TraceFormat {
  /** The Tiresias simulator's job CSV: job_id,num_gpu,submit_time,...,duration,... */
  TIRESIAS,
  /** Alibaba's GPU cluster trace v2023 pod list. */
  OPENB,
  /** Berth's own history export ({@code berth export}), JSON lines. */
  BERTH;

  public static TraceFormat parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BadInputException("unknown trace format '" + name + "'; formats: "
          + String.join(", ", Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT)).toList()));
    }
  }

  /** Reads {@code file} in this format. */
  public Trace read(Path file) {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return switch (this) {
        case TIRESIAS -> new CsvTraceReader(file, in).tiresias();
        case OPENB -> new CsvTraceReader(file, in).openb();
        case BERTH -> new BerthTraceReader(file, in).read();
      };
    } catch (NoSuchFileException e) {
      throw new BadInputException("no trace file " + file);
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new BadInputException("cannot read the trace " + file + ": " + e.getMessage());
    }
  }
}
