package dev.berth.bench;

import dev.berth.bench.benchmarks.CliBenchmark;
import dev.berth.bench.benchmarks.DispatchBenchmark;
import dev.berth.bench.benchmarks.ArrayBenchmark;
import dev.berth.bench.benchmarks.FairSchedulingBenchmark;
import dev.berth.bench.benchmarks.FootprintBenchmark;
import dev.berth.bench.benchmarks.LocalGapBenchmark;
import dev.berth.bench.benchmarks.MonitorBenchmark;
import dev.berth.bench.benchmarks.ProbeBenchmark;
import dev.berth.bench.benchmarks.QueueDepthBenchmark;
import dev.berth.bench.benchmarks.SchedulerPassBenchmark;
import dev.berth.bench.benchmarks.SchedulingBenchmark;
import dev.berth.bench.benchmarks.SimulateBenchmark;
import dev.berth.bench.benchmarks.SoakBenchmark;
import dev.berth.bench.benchmarks.SubmitBenchmark;
import dev.berth.bench.benchmarks.TrivialJobsBenchmark;
import dev.berth.bench.infra.Auth;
import dev.berth.bench.infra.BenchLayout;
import dev.berth.bench.infra.Machine;
import dev.berth.bench.infra.PreloadedQueue;
import dev.berth.bench.infra.ServerDir;
import dev.berth.bench.report.Results;
import dev.berth.bench.report.ResultsWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * {@code bench/run}'s entry point: runs the chosen benchmarks one after another, each on fresh
 * servers, writes {@code <out>/<start>.json} and {@code .md}, prints the table, and exits 1 when a
 * benchmark failed or produced no number (never because of a timing).
 */
public final class BenchMain {
  private BenchMain() {}

  /** Every benchmark, in the order they run. */
  static List<Benchmark> all() {
    return List.of(new SubmitBenchmark(), new SchedulingBenchmark(), new DispatchBenchmark(), new LocalGapBenchmark(),
        new TrivialJobsBenchmark(), new QueueDepthBenchmark(), new ProbeBenchmark(), new MonitorBenchmark(),
        new FootprintBenchmark(), new CliBenchmark(), new FairSchedulingBenchmark(), new SchedulerPassBenchmark(), new ArrayBenchmark(),
        new SimulateBenchmark(), new SoakBenchmark());
  }

  public static void main(String[] args) throws Exception {
    BenchOptions options;
    BenchLayout layout;
    try {
      layout = BenchLayout.fromSystemProperty();
      options = BenchOptions.parse(args, Path.of(System.getProperty("bench.out", "bench/results")),
          layout.home().resolve("work"));
    } catch (IllegalArgumentException | IllegalStateException e) {
      System.err.println("bench: " + e.getMessage());
      System.err.print(BenchOptions.USAGE);
      System.exit(2);
      return;
    }
    System.exit(run(options, layout));
  }

  /** Runs the benchmarks; returns the exit code. */
  static int run(BenchOptions options, BenchLayout layout) throws Exception {
    Sizes sizes = options.quick() ? Sizes.quick() : Sizes.full(options.soakMinutes());
    Results results = new Results(Machine.describe(), options.quick() ? "quick" : "full", Instant.now());
    Auth auth = Auth.fromEnvironment();
    results.note("run", "HTTP credentials: " + auth.describe() + "; server JVM options: "
        + (System.getenv("BENCH_SERVER_JAVA_OPTS") == null ? "JVM defaults" : System.getenv("BENCH_SERVER_JAVA_OPTS"))
        + (options.profile() ? "; JFR profiling on (figures of profiled servers carry its overhead)" : "") + ".");
    BenchContext ctx = new BenchContext(options, sizes, layout, auth, results);
    Files.createDirectories(options.work());
    try {
      for (Benchmark b : all()) {
        if (!options.runs(b.id())) {
          continue;
        }
        System.out.printf("bench: %s (load average %.2f)%n", b.label(), Machine.loadAverage());
        results.ran(b.label());
        long t0 = System.nanoTime();
        try {
          b.run(ctx);
        } catch (Exception | AssertionError e) {
          System.out.println("bench: " + b.label() + " FAILED: " + e);
          e.printStackTrace(System.out);
          results.failed(b.label(), e);
        }
        System.out.printf("bench: %s took %.0f s%n", b.label(), (System.nanoTime() - t0) / 1e9);
      }
    } finally {
      ServerDir.deleteTree(PreloadedQueue.scratch(options.work()));
    }
    Path md = ResultsWriter.write(results, options.out(), Instant.now());
    System.out.println();
    System.out.println(Files.readString(md));
    System.out.println("bench: results in " + md + " and " + md.toString().replace(".md", ".json"));
    List<String> problems = results.problems();
    problems.forEach(p -> System.out.println("bench: PROBLEM: " + p));
    return problems.isEmpty() ? 0 : 1;
  }
}
