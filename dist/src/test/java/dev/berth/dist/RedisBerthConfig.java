package dev.berth.dist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Config files and bookkeeping for the end-to-end tests of the Redis store: Berth on a test's own
 * redis-server, with a {@code mark} template whose run appends {@code "<job id> <server>"} to one
 * shared file, so a test can count how often each job really ran and where.
 */
final class RedisBerthConfig {
  private RedisBerthConfig() {}

  /**
   * A config using the Redis store at {@code redisUrl}, the lease too when {@code withLease}, and
   * the {@code mark} template writing to {@code runs} as {@code server}.
   */
  static Path write(Path file, String redisUrl, boolean withLease, Path runs, String server) {
    String yaml = """
        extensions:
          store: redis
          lease: "%s"
        lease:
          ttlSeconds: 3
        store:
          redis:
            url: "%s"
            socketTimeoutMillis: 1000
            connectTimeoutMillis: 1000
            borrowTimeoutMillis: 1000
        probe:
          nvidia-smi:
            command: "%s"
            procRoot: "%s"
            useCgroup: "false"
        reconciler:
          intervalSeconds: 1
        executor:
          local:
            templates:
              mark:
                description: Notes which server ran which job, once per run.
                command: ["bash", "-c", "echo \\"$BERTH_JOB_ID %s\\" >> '%s'"]
        """.formatted(withLease ? "redis" : "", redisUrl, file.resolveSibling("no-gpu/nvidia-smi"),
            InProcessBerth.standInProc(file.resolveSibling("proc")), server, runs);
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** The body of a submission of the {@code mark} template. */
  static String markJob(String user) {
    return "{\"user\":\"" + user + "\",\"template\":\"mark\",\"gpus\":0}";
  }

  /**
   * The states a job's history went through, checked to be one submission, exactly one claim, and a
   * COMPLETED end; RUNNING may be missing when the run ended before anyone saw it running.
   */
  static List<String> assertClaimedOnceAndCompleted(Http http, String id) {
    List<String> states = http.get("/api/v1/jobs/" + id + "/events").json().findValuesAsText("to");
    if (!List.of(List.of("QUEUED", "SCHEDULED", "RUNNING", "COMPLETED"), List.of("QUEUED", "SCHEDULED", "COMPLETED"))
        .contains(states)) {
      throw new AssertionError("job " + id + " went through " + states);
    }
    return states;
  }

  /** How often each job id ran, by the lines of the runs file; and which server ran it. */
  record Runs(Map<String, Integer> countById, Map<String, String> serverById) {
    static Runs read(Path runs) {
      Map<String, Integer> counts = new HashMap<>();
      Map<String, String> servers = new HashMap<>();
      List<String> lines;
      try {
        lines = Files.exists(runs) ? Files.readAllLines(runs) : List.of();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      for (String line : lines) {
        String[] parts = line.trim().split(" ");
        counts.merge(parts[0], 1, Integer::sum);
        servers.put(parts[0], parts.length > 1 ? parts[1] : "?");
      }
      return new Runs(counts, servers);
    }
  }
}
