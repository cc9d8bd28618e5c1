package dev.berth.bench.benchmarks;

import dev.berth.bench.BenchContext;
import dev.berth.bench.Benchmark;
import dev.berth.bench.infra.Deadline;
import dev.berth.bench.infra.PreloadedQueue;
import dev.berth.bench.infra.RunJournalReader;
import dev.berth.bench.infra.ServerConfig;
import dev.berth.bench.infra.ServerDir;
import dev.berth.bench.infra.ServerUnderTest;
import dev.berth.bench.infra.StoreKind;
import dev.berth.bench.load.LatencyStats;
import dev.berth.bench.report.Results;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Issue 15: how long {@code berth queue --all} takes, from process start to exit, against a local
 * server with 1,000 queued jobs, started as the README starts it ({@code ./berth} at the
 * repository root) and through the installed launcher ({@code dist/target/berth/bin/berth}); a bare
 * {@code java -version} on the same machine is the floor. The first {@code ./berth} call builds
 * the distribution when it is missing or stale; that call is not measured.
 */
public final class CliBenchmark implements Benchmark {
  private static final String LABEL = "15 cli";
  private static final int QUEUED = 1_000;

  @Override
  public String id() {
    return "cli";
  }

  @Override
  public String label() {
    return LABEL;
  }

  @Override
  public void run(BenchContext ctx) throws Exception {
    Results r = ctx.results();
    int runs = ctx.options().quick() ? 5 : 31;
    Path repo = ctx.layout().home().resolve("../../..").normalize();
    Path rootLauncher = repo.resolve("berth");
    Path installed = repo.resolve("dist/target/berth/bin/berth");
    r.note(LABEL, "Wall time from process start to exit, p50 of " + runs + " runs after 2 unmeasured ones, of `berth queue"
        + " --all` against a local server (SQLite, bench executor) with " + QUEUED + " queued jobs behind one running job.");

    ServerDir dir = ctx.benchServerDir("cli");
    PreloadedQueue.fill(ctx.layout(), PreloadedQueue.scratch(ctx.work()), dir, StoreKind.SQLITE, null,
        List.of(new PreloadedQueue.Batch("hold", 1), new PreloadedQueue.Batch("noop", QUEUED)), 1);
    try (ServerUnderTest server = ctx.start(dir, ServerConfig.bench(StoreKind.SQLITE, null))) {
      Deadline.await("the hold job to run", Duration.ofMinutes(5), Duration.ofMillis(20),
          () -> RunJournalReader.handOvers(dir.journal()) >= 1);
      Path config = Files.createDirectories(ctx.work().resolve("cli-config"));
      // The bench servers run auth.mode none, which ignores the token; the client still needs one.
      Map<String, String> env = Map.of("BERTH_SERVER", "http://127.0.0.1:" + server.port(), "BERTH_TOKEN", "bench",
          "BERTH_CONFIG_DIR", config.toString());
      Run build = run(List.of(rootLauncher.toString(), "queue", "--all"), env, Duration.ofMinutes(20));
      if (build.code != 0 || build.out.lines().count() < QUEUED) {
        throw new IllegalStateException("./berth queue --all failed (exit " + build.code + "): " + build.out);
      }
      measure(r, "java -version", List.of("java", "-version"), Map.of(), runs, null);
      measure(r, "./berth queue --all", List.of(rootLauncher.toString(), "queue", "--all"), env, runs, 300.0);
      measure(r, "bin/berth queue --all (installed)", List.of(installed.toString(), "queue", "--all"), env, runs, 300.0);
    }
  }

  private static void measure(Results r, String subject, List<String> cmd, Map<String, String> env, int runs,
      Double targetMs) throws Exception {
    for (int i = 0; i < 2; i++) {
      run(cmd, env, Duration.ofMinutes(1));
    }
    long[] nanos = new long[runs];
    for (int i = 0; i < runs; i++) {
      Run run = run(cmd, env, Duration.ofMinutes(1));
      if (run.code != 0) {
        throw new IllegalStateException(subject + " exited " + run.code + ": " + run.out);
      }
      nanos[i] = run.nanos;
    }
    LatencyStats stats = LatencyStats.ofNanos(nanos);
    Results.Figure f = r.figure(LABEL, subject, "wall p50", stats.p50Ms(), "ms").details(stats.fields());
    if (targetMs != null) {
      f.target("≤ " + targetMs.intValue() + " ms", v -> v <= targetMs);
    }
    f.add();
  }

  private record Run(int code, String out, long nanos) {}

  private static Run run(List<String> cmd, Map<String, String> env, Duration limit) throws IOException, InterruptedException {
    Path out = Files.createTempFile("berth-cli-bench", ".out");
    try {
      ProcessBuilder b = new ProcessBuilder(new ArrayList<>(cmd)).redirectErrorStream(true).redirectOutput(out.toFile());
      b.environment().putAll(env);
      long start = System.nanoTime();
      Process p = b.start();
      if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(String.join(" ", cmd) + " did not end within " + limit);
      }
      long nanos = System.nanoTime() - start;
      return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), nanos);
    } finally {
      Files.deleteIfExists(out);
    }
  }
}
