package dev.berth.bench.benchmarks;

import dev.berth.bench.BenchContext;
import dev.berth.bench.Benchmark;
import dev.berth.sim.Cluster;
import dev.berth.sim.ConfiguredPlugins;
import dev.berth.sim.Report;
import dev.berth.sim.SimOptions;
import dev.berth.sim.Simulation;
import dev.berth.sim.Trace;
import dev.berth.sim.TraceJob;
import dev.berth.testkit.SettableClock;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Issue 14: how fast {@code berth simulate} replays a trace. A synthetic trace (seeded: Poisson
 * arrivals at about 90 % load, exponential durations of 30 min mean, 1/2/4/8-GPU jobs, 50 users)
 * runs through the real scheduler with the bundled multifactor order and easy backfill on 16×8
 * GPUs, in-process, loaded as the command loads them. The start estimate of every 100th submission
 * is measured, as {@code --estimate-every 100} does: every one would cost a plan per submission.
 */
public final class SimulateBenchmark implements Benchmark {
  private static final String LABEL = "14 simulate";
  private static final int ESTIMATE_EVERY = 100;

  @Override
  public String id() {
    return "simulate";
  }

  @Override
  public String label() {
    return LABEL;
  }

  @Override
  public void run(BenchContext ctx) throws Exception {
    int jobs = ctx.sizes().fairJobs();
    Trace trace = synthetic(jobs, 42);
    Path config = Files.writeString(ctx.work().resolve("simulate-multifactor.yaml"), """
        extensions: {order: multifactor, policies: []}
        scheduler: {backfill: easy, maxRunningJobs: 1000}
        """);
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    SettableClock clock = new SettableClock(Simulation.START);
    Report report;
    try (ConfiguredPlugins plugins = ConfiguredPlugins.open(config, ctx.layout().bundledPlugins(), clock)) {
      report = Report.of(new Simulation(plugins.order, plugins.policies, plugins.settings, Cluster.parse("16x8"),
          new SimOptions(50, 1, 1.5, ESTIMATE_EVERY), clock).run(trace));
    }
    ctx.results().note(LABEL, jobs + " synthetic jobs (seed 42), 16x8 GPUs, multifactor + easy backfill, limits 1.5 x "
        + "duration, estimate of every " + ESTIMATE_EVERY + "th submission; in-process; load average before "
        + String.format("%.2f", load) + "; " + report.finished() + " jobs finished.");
    String subject = "Berth simulate, multifactor + easy backfill";
    ctx.results().figure(LABEL, subject, "simulated jobs/s", report.jobsPerSecond(), "1/s")
        .target("≥ 5,000", v -> v >= 5_000).add();
    ctx.results().figure(LABEL, subject, jobs + "-job trace", report.wallSeconds(), "s")
        .target(jobs >= 100_000 ? "≤ 60 s" : "≤ 60 s at 100,000 jobs", v -> v <= 60).add();
  }

  /** A seeded synthetic trace of {@code jobs} jobs; see the class comment. */
  static Trace synthetic(int jobs, long seed) {
    Random r = new Random(seed);
    List<TraceJob> out = new ArrayList<>(jobs);
    double at = 0;
    for (int i = 0; i < jobs; i++) {
      at += -Math.log(1 - r.nextDouble()) * 33; // mean gap: 0.9 x 128 GPUs / (2.12 GPUs x 1,800 s)
      double p = r.nextDouble();
      int gpus = p < 0.6 ? 1 : p < 0.8 ? 2 : p < 0.92 ? 4 : 8;
      long duration = Math.max(10, Math.round(-Math.log(1 - r.nextDouble()) * 1_800));
      out.add(new TraceJob(i + 1, "job-" + (i + 1), null, gpus, Math.round(at), duration, null));
    }
    return new Trace(out, List.of());
  }
}
