package dev.berth.bench.baseline;

import dev.berth.bench.infra.Commands;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The store ceiling: {@code redis-benchmark} (shipped with redis-server) against the same Redis,
 * with as many connections as the HTTP load and no pipelining, as Berth's store sends one command
 * at a time per connection.
 */
public final class RedisBenchmark {
  /** The commands measured: a round trip, and the kinds of write an enqueue makes. */
  public static final String TESTS = "ping_mbulk,set,incr,hset,zadd,lpush";

  private RedisBenchmark() {}

  /** One test's answer: requests per second and latency percentiles in ms (NaN when not printed). */
  public record Row(String test, double rps, double p50Ms, double p99Ms) {}

  public static List<Row> run(int port, int clients, int requests) throws IOException {
    Commands.Result r = Commands.run(List.of("redis-benchmark", "-h", "127.0.0.1", "-p", Integer.toString(port),
        "-c", Integer.toString(clients), "-n", Integer.toString(requests), "-P", "1", "--csv", "-t", TESTS), 600);
    if (r.exitCode() != 0) {
      throw new IOException("redis-benchmark exited with " + r.exitCode() + ": " + r.output());
    }
    return parse(r.output());
  }

  /**
   * Reads {@code --csv} output: a header line {@code "test","rps","avg_latency_ms","min_latency_ms",
   * "p50_latency_ms",…,"p99_latency_ms",…} (Redis 7) or bare {@code "TEST","rps"} lines (Redis 5/6).
   */
  static List<Row> parse(String csv) {
    List<Row> rows = new ArrayList<>();
    int p50 = -1;
    int p99 = -1;
    for (String line : csv.split("\\R")) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.replace("\"", "").split(",");
      if (f[0].equals("test")) {
        for (int i = 0; i < f.length; i++) {
          if (f[i].equals("p50_latency_ms")) {
            p50 = i;
          } else if (f[i].equals("p99_latency_ms")) {
            p99 = i;
          }
        }
        continue;
      }
      if (f.length < 2) {
        continue;
      }
      try {
        rows.add(new Row(f[0], Double.parseDouble(f[1]), value(f, p50), value(f, p99)));
      } catch (NumberFormatException e) {
        // A progress or warning line, not a result.
      }
    }
    return rows;
  }

  private static double value(String[] f, int index) {
    return index >= 0 && index < f.length ? Double.parseDouble(f[index]) : Double.NaN;
  }
}
