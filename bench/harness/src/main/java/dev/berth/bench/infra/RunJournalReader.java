package dev.berth.bench.infra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the bench executor's journal ({@code <dataDir>/bench/runs.journal}): for each job, when
 * Berth handed it to the executor ({@code S} lines) and when the executor reported its end ({@code
 * E} lines), both by the server's clock. The format is the bench plugin's RunJournal: tab-separated
 * fields, record type first, job id second, the instant fifth.
 */
public final class RunJournalReader {
  private RunJournalReader() {}

  /** One run: when it was handed over, and when and how it ended (null while running). */
  public record Run(String jobId, Instant handedOver, Instant ended, String endPhase) {}

  /** Every run in the order the executor received them; a torn last line is skipped. */
  public static List<Run> read(Path journal) throws IOException {
    Map<String, Run> runs = new LinkedHashMap<>();
    if (!Files.exists(journal)) {
      return List.of();
    }
    for (String line : Files.readAllLines(journal, StandardCharsets.UTF_8)) {
      String[] f = line.split("\t", -1);
      if (f.length != 6) {
        continue;
      }
      try {
        if (f[0].equals("S")) {
          runs.put(f[1], new Run(f[1], Instant.parse(f[4]), null, null));
        } else if (f[0].equals("E") && runs.containsKey(f[1])) {
          Run started = runs.get(f[1]);
          runs.put(f[1], new Run(f[1], started.handedOver(), Instant.parse(f[4]), f[2]));
        }
      } catch (RuntimeException e) {
        // A torn line: the journal's writer was stopped in the middle of it.
      }
    }
    return new ArrayList<>(runs.values());
  }

  /** How many hand-overs the journal records so far. */
  public static long handOvers(Path journal) {
    return count(journal, "S\t");
  }

  /** How many ends the journal records so far. */
  public static long ends(Path journal) {
    return count(journal, "E\t");
  }

  private static long count(Path journal, String prefix) {
    if (!Files.exists(journal)) {
      return 0;
    }
    try (var lines = Files.lines(journal, StandardCharsets.UTF_8)) {
      return lines.filter(l -> l.startsWith(prefix)).count();
    } catch (IOException | java.io.UncheckedIOException e) {
      return 0;
    }
  }
}
