package dev.berth.sim;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The two CSV formats: a header row names the columns (in any order), every other row is a job.
 * Only plain comma-separated cells are read, as both public traces are written.
 */
final class CsvTraceReader {
  private final Path file;
  private final BufferedReader in;
  private Map<String, Integer> columns;
  private long line;

  CsvTraceReader(Path file, BufferedReader in) {
    this.file = file;
    this.in = in;
  }

  /** job_id,num_gpu,submit_time,iterations,model_name,duration,interval: times in seconds. */
  Trace tiresias() throws IOException {
    header("job_id", "num_gpu", "submit_time", "duration");
    List<TraceJob> jobs = new ArrayList<>();
    for (String[] row; (row = row()) != null; ) {
      int gpus = (int) number(row, "num_gpu");
      long duration = number(row, "duration");
      jobs.add(new TraceJob(line, cell(row, "job_id"), null, positive(gpus, "num_gpu"), number(row, "submit_time"),
          Math.max(1, duration), null));
    }
    return new Trace(sorted(jobs), List.of());
  }

  /**
   * name,...,num_gpu,gpu_milli,...,creation_time,deletion_time,scheduled_time. Duration is deletion
   * minus scheduled time; a pod with a share of one GPU (gpu_milli under 1000) takes a whole GPU.
   */
  Trace openb() throws IOException {
    header("name", "num_gpu", "gpu_milli", "creation_time", "deletion_time", "scheduled_time");
    List<TraceJob> jobs = new ArrayList<>();
    long noGpu = 0;
    long neverRan = 0;
    long shared = 0;
    for (String[] row; (row = row()) != null; ) {
      int gpus = (int) number(row, "num_gpu");
      long milli = number(row, "gpu_milli");
      if (gpus == 0 && milli == 0) {
        noGpu++;
        continue;
      }
      if (cell(row, "scheduled_time").isEmpty() || cell(row, "deletion_time").isEmpty()) {
        neverRan++;
        continue;
      }
      if (gpus <= 1 && milli > 0 && milli < 1000) {
        shared++;
        gpus = 1;
      }
      long duration = number(row, "deletion_time") - number(row, "scheduled_time");
      jobs.add(new TraceJob(line, cell(row, "name"), null, positive(gpus, "num_gpu"), number(row, "creation_time"),
          Math.max(1, duration), null));
    }
    List<String> notes = new ArrayList<>();
    if (shared > 0) {
      notes.add(shared + " pods asking for a share of one GPU (gpu_milli < 1000) each take a whole GPU");
    }
    if (noGpu > 0) {
      notes.add(noGpu + " pods without a GPU left out");
    }
    if (neverRan > 0) {
      notes.add(neverRan + " pods never scheduled or never deleted left out");
    }
    return new Trace(sorted(jobs), notes);
  }

  private static List<TraceJob> sorted(List<TraceJob> jobs) {
    jobs.sort(java.util.Comparator.comparingLong(TraceJob::submitSecond).thenComparingLong(TraceJob::line));
    return jobs;
  }

  private void header(String... required) throws IOException {
    String first = in.readLine();
    line = 1;
    if (first == null) {
      throw bad("the trace is empty");
    }
    String[] names = first.split(",", -1);
    columns = new HashMap<>();
    for (int i = 0; i < names.length; i++) {
      columns.put(names[i].trim().replace("\uFEFF", ""), i);
    }
    for (String r : required) {
      if (!columns.containsKey(r)) {
        throw bad("the header has no column '" + r + "' (it needs " + String.join(",", required) + ")");
      }
    }
  }

  private String[] row() throws IOException {
    for (String text; (text = in.readLine()) != null; ) {
      line++;
      if (text.isBlank()) {
        continue;
      }
      String[] cells = text.split(",", -1);
      if (cells.length < columns.size()) {
        throw bad("expected " + columns.size() + " columns, found " + cells.length);
      }
      return cells;
    }
    return null;
  }

  private String cell(String[] row, String column) {
    return row[columns.get(column)].trim();
  }

  private long number(String[] row, String column) {
    String text = cell(row, column);
    try {
      return Math.round(Double.parseDouble(text));
    } catch (NumberFormatException e) {
      throw bad(column + " is '" + text + "', not a number");
    }
  }

  private int positive(int gpus, String column) {
    if (gpus < 1) {
      throw bad(column + " is " + gpus + "; a job needs at least one GPU");
    }
    return gpus;
  }

  private BadInputException bad(String message) {
    return new BadInputException(file + ":" + line + ": " + message);
  }
}
