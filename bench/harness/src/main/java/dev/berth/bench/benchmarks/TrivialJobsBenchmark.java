package dev.berth.bench.benchmarks;

import dev.berth.bench.BenchContext;
import dev.berth.bench.Benchmark;
import dev.berth.bench.infra.ControlClient;
import dev.berth.bench.infra.Deadline;
import dev.berth.bench.infra.FlightRecording;
import dev.berth.bench.infra.JobListing;
import dev.berth.bench.infra.ServerConfig;
import dev.berth.bench.infra.ServerDir;
import dev.berth.bench.infra.ServerUnderTest;
import dev.berth.bench.infra.SpawnFloor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * Issue 8, item 3b: N one-GPU jobs running {@code true} through the local executor on two
 * (stand-in) GPUs, {@code maxRunningJobs: 2}: jobs per second from the first submission to the last
 * completion, by the store's own times.
 */
public final class TrivialJobsBenchmark implements Benchmark {
  private static final String LABEL = "3b trivial jobs";

  @Override
  public String id() {
    return "trivial";
  }

  @Override
  public String label() {
    return LABEL;
  }

  @Override
  public void run(BenchContext ctx) throws Exception {
    int jobs = ctx.sizes().trivialJobs();
    ctx.results().note(LABEL, jobs + " jobs of `true`, 1 GPU each, 2 stand-in GPUs, maxRunningJobs 2, SQLite store;"
        + " submitted from 4 threads.");
    double rate = runJobs(ctx, jobs, false);
    floor(ctx, jobs, rate);
    // With SQLite's documented trade-off: each job's claim and end are durable commits.
    runJobs(ctx, jobs, true);
  }

  /** Runs {@code jobs} trivial jobs on a fresh server; returns jobs per second. */
  @SuppressWarnings("try") // the recording is open for exactly the try block: that is its use
  private static double runJobs(BenchContext ctx, int jobs, boolean syncNormal) throws Exception {
    ServerDir dir = ServerDir.fresh(ctx.work(), syncNormal ? "trivial-normal" : "trivial");
    ServerConfig config = LocalJobs.config(dir.root());
    if (syncNormal) {
      config = config.set("store.sqlite.synchronous", "NORMAL");
    }
    try (ServerUnderTest server = ctx.start(dir, config)) {
      ControlClient c = server.control();
      c.setMaxRunningJobs(2);
      String body = "{\"user\":\"bench\",\"template\":\"" + LocalJobs.TRIVIAL + "\",\"gpus\":1}";
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try (FlightRecording jfr = ctx.profile(syncNormal ? "trivial-local-normal" : "trivial-local", server)) {
        List<Future<String>> submits = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
          submits.add(pool.submit(() -> c.submit(body)));
        }
        for (Future<String> f : submits) {
          f.get();
        }
        Deadline.await(jobs + " jobs to finish", Duration.ofSeconds(120L + jobs), Duration.ofMillis(100),
            () -> c.queue().empty());
      } finally {
        pool.shutdownNow();
      }
      List<JobListing.JobTimes> all = JobListing.all(c);
      Map<String, Long> states = all.stream().collect(Collectors.groupingBy(JobListing.JobTimes::state, Collectors.counting()));
      if (all.size() != jobs || states.getOrDefault("COMPLETED", 0L) != jobs) {
        throw new IllegalStateException(jobs + " jobs submitted; states now " + states);
      }
      Instant first = all.stream().map(JobListing.JobTimes::submittedAt).min(Instant::compareTo).orElseThrow();
      Instant last = all.stream().map(JobListing.JobTimes::finishedAt).max(Instant::compareTo).orElseThrow();
      double seconds = Duration.between(first, last).toNanos() / 1e9;
      var figure = ctx.results().figure(LABEL, "local executor, true, 2 GPUs" + (syncNormal ? ", synchronous: NORMAL" : ""),
          "jobs/s, first submit to last completion", jobs / seconds, "1/s").details(Map.of("seconds", seconds));
      if (!syncNormal) {
        figure.target("≥ 200", v -> v >= 200);
      }
      figure.add();
      return jobs / seconds;
    }
  }

  /**
   * Issue 18: the same machine's floor, {@code /bin/true} started from a JVM on two threads at once
   * (the two run slots), with nothing else: no job can cycle faster through a slot.
   */
  private static void floor(BenchContext ctx, int jobs, double measured) throws Exception {
    SpawnFloor.Result floor = SpawnFloor.measure(ctx.work(), jobs, 2);
    ctx.results().figure(LABEL, "bare /bin/true from Java (vfork), 2 threads", "starts/s", floor.perSecond(), "1/s")
        .add();
    ctx.results().figure(LABEL, "local executor, true, 2 GPUs", "spawn floor ÷ jobs/s", floor.perSecond() / measured,
        "×").target("≤ 2× (or ≥ 200 jobs/s)", v -> v <= 2 || measured >= 200).add();
  }
}
