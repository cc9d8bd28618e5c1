package dev.berth.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Berth's history export: one JSON object a line with id, user, gpus, timeLimitSeconds,
 * submittedAt, startedAt, finishedAt and state. A job that never ran (cancelled while queued) has no
 * duration and is left out, as is one without a GPU; times become seconds from the first submission.
 */
final class BerthTraceReader {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path file;
  private final BufferedReader in;

  BerthTraceReader(Path file, BufferedReader in) {
    this.file = file;
    this.in = in;
  }

  Trace read() throws IOException {
    record Row(long line, String id, String user, int gpus, Instant submitted, long duration, Integer limit) {}
    List<Row> rows = new ArrayList<>();
    long neverRan = 0;
    long noGpu = 0;
    long line = 0;
    for (String text; (text = in.readLine()) != null; ) {
      line++;
      if (text.isBlank()) {
        continue;
      }
      JsonNode o;
      try {
        o = JSON.readTree(text);
      } catch (IOException e) {
        throw bad(line, "not a JSON object");
      }
      if (o == null || !o.isObject()) {
        throw bad(line, "not a JSON object");
      }
      String user = text(o, "user", line);
      int gpus = o.path("gpus").isInt() ? o.path("gpus").asInt() : -1;
      if (gpus < 0) {
        throw bad(line, "gpus must be a whole number of at least 0");
      }
      if (gpus == 0) {
        noGpu++; // a job without a GPU takes no part in what the simulation compares
        continue;
      }
      Instant submitted = instant(o, "submittedAt", line);
      if (o.path("startedAt").isNull() || o.path("startedAt").isMissingNode()
          || o.path("finishedAt").isNull() || o.path("finishedAt").isMissingNode()) {
        neverRan++;
        continue;
      }
      long duration = Duration.between(instant(o, "startedAt", line), instant(o, "finishedAt", line)).toSeconds();
      Integer limit = o.path("timeLimitSeconds").canConvertToInt() && o.path("timeLimitSeconds").isNumber()
          ? o.path("timeLimitSeconds").asInt() : null;
      rows.add(new Row(line, o.path("id").asText(String.valueOf(line)), user, gpus, submitted, Math.max(1, duration),
          limit));
    }
    if (rows.isEmpty() && neverRan == 0 && noGpu == 0) {
      throw new BadInputException(file + ": the trace is empty");
    }
    rows.sort(Comparator.comparing(Row::submitted).thenComparingLong(Row::line));
    Instant first = rows.isEmpty() ? Instant.EPOCH : rows.get(0).submitted();
    List<TraceJob> jobs = new ArrayList<>(rows.size());
    for (Row r : rows) {
      jobs.add(new TraceJob(r.line(), r.id(), r.user(), r.gpus(), Duration.between(first, r.submitted()).toSeconds(),
          r.duration(), r.limit()));
    }
    List<String> notes = new ArrayList<>();
    if (noGpu > 0) {
      notes.add(noGpu + " jobs without a GPU left out");
    }
    if (neverRan > 0) {
      notes.add(neverRan + " jobs that never ran left out");
    }
    return new Trace(jobs, notes);
  }

  private String text(JsonNode o, String field, long line) {
    JsonNode n = o.path(field);
    if (!n.isTextual() || n.asText().isBlank()) {
      throw bad(line, field + " is missing");
    }
    return n.asText();
  }

  private Instant instant(JsonNode o, String field, long line) {
    String t = text(o, field, line);
    try {
      return Instant.parse(t);
    } catch (DateTimeParseException e) {
      throw bad(line, field + " is '" + t + "', not an ISO instant");
    }
  }

  private BadInputException bad(long line, String message) {
    return new BadInputException(file + ":" + line + ": " + message);
  }
}
