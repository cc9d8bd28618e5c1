package dev.berth.bench;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The command line of a run.
 *
 * @param quick the smoke mode: every benchmark, small, in a few minutes; timings are not judged
 * @param soakMinutes the endurance run's length; 0: no soak (quick mode still runs a 20-second one)
 * @param soakStore the store the soak runs on
 * @param only benchmark ids to run; empty: all
 * @param profile record the servers of the submit, scheduling and trivial-jobs benchmarks with JFR
 *     during their measurement, and summarise the top frames
 * @param out where the results go
 * @param work where servers keep their data while they run
 * @param clients concurrent connections of the submit benchmark
 */
public record BenchOptions(boolean quick, int soakMinutes, String soakStore, Set<String> only, boolean profile,
    Path out, Path work, int clients) {

  /** Every benchmark id, in the order they run. */
  public static final List<String> IDS =
      List.of("submit", "scheduling", "dispatch", "local-gap", "trivial", "depth", "probe", "monitor", "footprint",
          "cli", "fair", "pass", "array", "simulate", "soak");

  static final String USAGE = """
      usage: bench/run [--quick] [--soak[=MINUTES]] [--soak-store=sqlite|redis] [--only=ID,...] [--profile]
                       [--clients=N] [--out=DIR] [--work=DIR]
        --quick       every benchmark, small (under 5 minutes); checks only that each produced numbers
        --soak        add the endurance run (default 30 minutes); quick mode runs a 20-second smoke of it
        --only        run only these: %s
        --profile     record the submit, scheduling and trivial-jobs servers with JFR (jcmd) while they
                      are measured, and summarise the top frames
        --clients     concurrent keep-alive connections of the submit benchmark (default 16)
        --out         where the results go (default bench/results)
        --work        where the servers keep their data (default bench/harness/target/work)
      """.formatted(String.join(",", IDS));

  /**
   * Reads the arguments.
   *
   * @throws IllegalArgumentException naming the bad argument
   */
  public static BenchOptions parse(String[] args, Path defaultOut, Path defaultWork) {
    boolean quick = false;
    boolean profile = false;
    int soak = 0;
    String soakStore = "sqlite";
    Set<String> only = new LinkedHashSet<>();
    Path out = defaultOut;
    Path work = defaultWork;
    int clients = 16;
    for (String a : args) {
      String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
      String value = a.contains("=") ? a.substring(a.indexOf('=') + 1) : null;
      switch (name) {
        case "--quick" -> quick = true;
        case "--profile" -> profile = true;
        case "--soak" -> soak = value == null ? 30 : positive(name, value);
        case "--soak-store" -> {
          if (!List.of("sqlite", "redis").contains(value)) {
            throw new IllegalArgumentException("--soak-store must be sqlite or redis, was " + value);
          }
          soakStore = value;
        }
        case "--only" -> {
          for (String id : required(name, value).split(",")) {
            if (!IDS.contains(id.trim())) {
              throw new IllegalArgumentException("--only: unknown benchmark '" + id + "'; known: " + IDS);
            }
            only.add(id.trim());
          }
        }
        case "--clients" -> clients = positive(name, value);
        case "--out" -> out = Path.of(required(name, value));
        case "--work" -> work = Path.of(required(name, value));
        default -> throw new IllegalArgumentException("unknown argument '" + a + "'");
      }
    }
    return new BenchOptions(quick, soak, soakStore, only, profile, out.toAbsolutePath(), work.toAbsolutePath(), clients);
  }

  /** Whether benchmark {@code id} runs: chosen (or no choice made), and the soak only when asked. */
  public boolean runs(String id) {
    if (!only.isEmpty()) {
      return only.contains(id);
    }
    return !id.equals("soak") || quick || soakMinutes > 0;
  }

  private static String required(String name, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " needs a value: " + name + "=...");
    }
    return value;
  }

  private static int positive(String name, String value) {
    try {
      int n = Integer.parseInt(required(name, value));
      if (n < 1) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a positive whole number, was '" + value + "'");
    }
  }
}
