package dev.berth.executor.local;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Properties;

/**
 * What Berth wrote down when it started a job: enough to find the process again after a restart and
 * to tell it apart from an unrelated process that later got the same PID.
 *
 * @param pid the wrapper's PID, which is also the job's process group and session id
 * @param processStart the wrapper's start time as the kernel reports it (see {@link ProcessTable})
 * @param ref the executor reference returned by submit
 * @param startedAt when submit started it, by the plugin's clock
 * @param attempt which attempt of the job the run is; records written before retries existed have
 *     none and are the first
 */
record RunRecord(String jobId, long pid, String processStart, String ref, Instant startedAt, int attempt) {

  RunRecord {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(processStart, "processStart");
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(startedAt, "startedAt");
  }

  Properties toProperties() {
    Properties p = new Properties();
    p.setProperty("jobId", jobId);
    p.setProperty("pid", Long.toString(pid));
    p.setProperty("processStart", processStart);
    p.setProperty("ref", ref);
    p.setProperty("startedAt", startedAt.toString());
    p.setProperty("attempt", Integer.toString(attempt));
    return p;
  }

  /**
   * @throws IllegalArgumentException naming the missing or malformed key
   */
  static RunRecord fromProperties(Properties p) {
    try {
      return new RunRecord(
          required(p, "jobId"),
          Long.parseLong(required(p, "pid")),
          required(p, "processStart"),
          required(p, "ref"),
          Instant.parse(required(p, "startedAt")),
          Integer.parseInt(p.getProperty("attempt", "1").trim()));
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new IllegalArgumentException("malformed run record: " + e.getMessage(), e);
    }
  }

  /** The name of the run: its job's id, with the attempt for a retry ({@code Job#runId}). */
  String runId() {
    return dev.berth.api.Job.runId(jobId, attempt);
  }

  private static String required(Properties p, String key) {
    String value = p.getProperty(key);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("run record has no " + key);
    }
    return value.trim();
  }
}
