package dev.berth.bench.benchmarks;

import dev.berth.bench.BenchContext;
import dev.berth.bench.Benchmark;
import dev.berth.bench.infra.RssSampler;
import dev.berth.bench.infra.ServerDir;
import dev.berth.bench.infra.ServerUnderTest;
import dev.berth.bench.load.HttpLoad;
import dev.berth.bench.load.HttpRequestBytes;
import dev.berth.bench.load.LoadResult;
import dev.berth.bench.report.Results;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

/**
 * Issue 8, item 6: how long {@code berth serve} takes from its process's start to {@code /readyz}
 * answering 200, its resident memory idle and under load, and the size of what it ships. The
 * server runs the default plugins (SQLite, local executor, nvidia-smi probe on a stand-in).
 */
public final class FootprintBenchmark implements Benchmark {
  private static final String LABEL = "6 footprint";
  /** Needs more GPUs than the stand-in has, so that submitted jobs stay queued and start nothing. */
  private static final String WAITING_JOB = "{\"user\":\"bench\",\"template\":\"trivial\",\"gpus\":8}";

  @Override
  public String id() {
    return "footprint";
  }

  @Override
  public String label() {
    return LABEL;
  }

  @Override
  public void run(BenchContext ctx) throws Exception {
    Results r = ctx.results();
    sizes(ctx);
    List<Double> startups = new ArrayList<>();
    int starts = ctx.sizes().footprintStarts();
    List<Double> restarts = new ArrayList<>();
    for (int i = 1; i <= starts; i++) {
      ServerDir dir = ServerDir.fresh(ctx.work(), "footprint-" + i);
      try (ServerUnderTest server = ctx.start(dir, LocalJobs.config(dir.root()))) {
        startups.add(server.startup().toNanos() / 1e9);
        if (i == starts) {
          memory(ctx, server);
        }
      }
      // Again on the same data directory, as every start after the first one is.
      try (ServerUnderTest again = ctx.start(dir, LocalJobs.config(dir.root()))) {
        restarts.add(again.startup().toNanos() / 1e9);
      }
    }
    String subject = "berth serve (default plugins)";
    r.figure(LABEL, subject, "first start to ready (new data dir), median of " + starts, median(startups), "s")
        .details(java.util.Map.of("all", startups)).add();
    r.figure(LABEL, subject, "restart to ready (same data dir), median of " + starts, median(restarts), "s")
        .details(java.util.Map.of("all", restarts)).add();
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private static void memory(BenchContext ctx, ServerUnderTest server) throws Exception {
    Results r = ctx.results();
    String subject = "berth serve (default plugins)";
    try (RssSampler idle = new RssSampler(server.pid(), 500)) {
      // Five seconds with nothing to do: one probe interval, so the probe thread has run.
      Thread.sleep(5_000);
      List<double[]> s = idle.samples();
      r.figure(LABEL, subject, "RSS idle, 5 s after ready", s.get(s.size() - 1)[1], "MiB").add();
    }
    try (RssSampler busy = new RssSampler(server.pid(), 250)) {
      LoadResult load = HttpLoad.run(server.port(),
          HttpRequestBytes.postJson(server.port(), "/api/v1/jobs", ctx.auth(), WAITING_JOB),
          new HttpLoad.Plan(8, Duration.ofSeconds(1), Duration.ofSeconds(5), Long.MAX_VALUE));
      if (!load.clean()) {
        throw new IllegalStateException("submits failed: " + load.summary());
      }
      r.figure(LABEL, subject, "RSS peak under submit load (8 clients, 5 s)", busy.maxMiB(), "MiB").add();
    }
  }

  private static void sizes(BenchContext ctx) throws Exception {
    Results r = ctx.results();
    Path lib = ctx.layout().lib();
    r.figure(LABEL, "distribution", "lib/ (launcher and libraries)", ServerDir.size(lib) / 1048576.0, "MiB").add();
    try (Stream<Path> jars = Files.list(lib)) {
      jars.filter(p -> p.getFileName().toString().startsWith("berth-core")).findFirst().ifPresent(core ->
          r.figure(LABEL, "distribution", "berth-core jar", size(core) / 1024.0, "KiB").add());
    }
    r.figure(LABEL, "bench plugin (not bundled)", "jar size", size(ctx.layout().benchPlugin()) / 1024.0, "KiB").add();
    r.figure(LABEL, "distribution", "plugins/ (bundled plugins)", ServerDir.size(ctx.layout().bundledPlugins()) / 1048576.0,
        "MiB").add();
    try (Stream<Path> jars = Files.list(ctx.layout().bundledPlugins())) {
      for (Path jar : jars.sorted().toList()) {
        r.figure(LABEL, "plugin " + jar.getFileName(), "jar size", size(jar) / 1024.0, "KiB").add();
      }
    }
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (java.io.IOException e) {
      return -1;
    }
  }
}
