package dev.berth.bench.benchmarks;

import dev.berth.bench.BenchContext;
import dev.berth.bench.Benchmark;
import dev.berth.bench.infra.Deadline;
import dev.berth.bench.infra.HeapAfterGc;
import dev.berth.bench.infra.JobListing;
import dev.berth.bench.infra.RedisInstance;
import dev.berth.bench.infra.RssSampler;
import dev.berth.bench.infra.ServerConfig;
import dev.berth.bench.infra.ServerDir;
import dev.berth.bench.infra.ServerUnderTest;
import dev.berth.bench.infra.StoreKind;
import dev.berth.bench.load.HttpRequestBytes;
import dev.berth.bench.load.LatencyStats;
import dev.berth.bench.load.PacedLoad;
import dev.berth.bench.report.Results;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Issue 8, item 7: a steady, open-loop stream of submissions for a long time (30 minutes with
 * {@code --soak}; 20 seconds as a smoke test in quick mode), each job a 50 ms {@code sleep} run
 * with up to 4 at once. Afterwards every job must be in a terminal state; the report compares the
 * latency, the resident memory and the live heap (after a full collection, forced once at the end
 * of the second window and once at the end) of the second window (after warm-up) with the last.
 */
public final class SoakBenchmark implements Benchmark {
  private static final String LABEL = "7 soak";
  private static final Set<String> TERMINAL = Set.of("COMPLETED", "FAILED", "CANCELLED");

  @Override
  public String id() {
    return "soak";
  }

  @Override
  public String label() {
    return LABEL;
  }

  @Override
  public void run(BenchContext ctx) throws Exception {
    StoreKind store = StoreKind.valueOf(ctx.options().soakStore().toUpperCase(java.util.Locale.ROOT));
    RedisInstance redis = store == StoreKind.REDIS ? RedisInstance.start(ctx.work().resolve("soak-redis-server")) : null;
    try {
      soak(ctx, store, redis);
    } finally {
      if (redis != null) {
        redis.close();
      }
    }
  }

  private void soak(BenchContext ctx, StoreKind store, RedisInstance redis) throws Exception {
    Results r = ctx.results();
    Duration duration = ctx.sizes().soak();
    double rate = ctx.sizes().soakRate();
    int windows = duration.toMinutes() >= 5 ? (int) duration.toMinutes() : 5;
    String subject = (store == StoreKind.SQLITE ? "Berth + SQLite" : "Berth + Redis") + ", " + rate + " submits/s for "
        + (duration.toSeconds() >= 120 ? duration.toMinutes() + " min" : duration.toSeconds() + " s");
    r.note(LABEL, "Open loop at " + rate + " submits/s from 4 connections (latency counted from when each was due);"
        + " sleep jobs of 50 ms, maxRunningJobs 4; " + windows + " windows, drift = last window ÷ second window.");
    ServerDir dir = ctx.benchServerDir("soak");
    try (ServerUnderTest server = ctx.start(dir, ServerConfig.bench(store, redis == null ? null : redis.url()))) {
      server.control().setMaxRunningJobs(4);
      String body = "{\"user\":\"bench\",\"template\":\"sleep\",\"gpus\":0,\"parameters\":{\"millis\":\"50\"}}";
      long windowNanos = duration.toNanos() / windows;
      PacedLoad.Samples samples;
      List<double[]> rss;
      double[] heapAfterSecondWindow = {Double.NaN};
      ScheduledExecutorService heapProbe = Executors.newSingleThreadScheduledExecutor();
      try (RssSampler sampler = new RssSampler(server.pid(), Math.max(250, windowNanos / 1_000_000 / 4))) {
        heapProbe.schedule(() -> {
          try {
            heapAfterSecondWindow[0] = HeapAfterGc.usedMiB(server.pid());
          } catch (java.io.IOException e) {
            r.note(LABEL, "live heap after the second window not measured: " + e.getMessage());
          }
        }, 2 * windowNanos, TimeUnit.NANOSECONDS);
        samples = PacedLoad.run(server.port(), HttpRequestBytes.postJson(server.port(), "/api/v1/jobs", ctx.auth(), body),
            rate, 4, duration);
        rss = sampler.samples();
      } finally {
        heapProbe.shutdown();
        heapProbe.awaitTermination(2, TimeUnit.MINUTES);
      }
      Deadline.await("the queue to drain", Duration.ofMinutes(10), Duration.ofMillis(200), () -> server.control().queue().empty());
      List<JobListing.JobTimes> jobs = JobListing.all(server.control());
      Map<String, Long> states = jobs.stream().collect(Collectors.groupingBy(JobListing.JobTimes::state, Collectors.counting()));
      long stuck = jobs.stream().filter(j -> !TERMINAL.contains(j.state())).count();
      if (samples.errors() > 0 || samples.ok() != samples.answered() || jobs.size() != samples.ok()) {
        throw new IllegalStateException("soak: " + samples.answered() + " answers, " + samples.ok() + " accepted, "
            + samples.errors() + " errors (" + samples.firstError() + "), " + jobs.size() + " jobs stored " + states);
      }
      r.figure(LABEL, subject, "jobs submitted", samples.ok(), "jobs").details(Map.of("states", states)).add();
      r.figure(LABEL, subject, "jobs not in a terminal state", stuck, "jobs").target("0", v -> v == 0).add();
      LatencyStats all = LatencyStats.ofNanos(samples.latencyNanos().clone());
      r.figure(LABEL, subject, "submit p99, whole run", all.p99Ms(), "ms").details(all.fields()).add();
      LatencyStats second = LatencyStats.ofNanos(samples.latenciesBetween(windowNanos, 2 * windowNanos));
      LatencyStats last = LatencyStats.ofNanos(samples.latenciesBetween((windows - 1) * windowNanos, windows * windowNanos));
      r.figure(LABEL, subject, "submit p99 drift (last ÷ second window)", last.p99Ms() / second.p99Ms(), "ratio")
          .details(Map.of("second", second.fields(), "last", last.fields())).add();
      double rssSecond = rssAt(rss, 2.0 * windowNanos / 1e9);
      double rssEnd = rss.get(rss.size() - 1)[1];
      r.figure(LABEL, subject, "RSS at the end", rssEnd, "MiB").add();
      r.figure(LABEL, subject, "RSS drift (end ÷ end of second window)", rssEnd / rssSecond, "ratio").add();
      double heapEnd = HeapAfterGc.usedMiB(server.pid());
      r.figure(LABEL, subject, "live heap after full GC at the end", heapEnd, "MiB")
          .details(Map.of("afterSecondWindowMiB", heapAfterSecondWindow[0])).add();
      r.figure(LABEL, subject, "live heap drift (end ÷ end of second window)", heapEnd / heapAfterSecondWindow[0], "ratio")
          .add();
    }
  }

  /** The last RSS sample taken at or before {@code seconds}. */
  private static double rssAt(List<double[]> samples, double seconds) {
    double value = samples.get(0)[1];
    for (double[] s : samples) {
      if (s[0] <= seconds) {
        value = s[1];
      }
    }
    return value;
  }
}
