package dev.berth.bench.benchmarks;

import dev.berth.bench.BenchContext;
import dev.berth.bench.Benchmark;
import dev.berth.bench.infra.Deadline;
import dev.berth.bench.infra.FlightRecording;
import dev.berth.bench.infra.PreloadedQueue;
import dev.berth.bench.infra.RedisInstance;
import dev.berth.bench.infra.RunJournalReader;
import dev.berth.bench.infra.ServerConfig;
import dev.berth.bench.infra.ServerDir;
import dev.berth.bench.infra.ServerUnderTest;
import dev.berth.bench.infra.StoreKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Issue 8, item 2: how fast the scheduler claims queued jobs and hands them to an executor, with
 * the bench plugin's no-op executor (each job ends as soon as it starts) and always-capacity probe,
 * and {@code maxRunningJobs} at its maximum, so nothing but Berth itself sets the pace. The queue
 * is filled before the server starts; the times come from the executor's journal.
 */
public final class SchedulingBenchmark implements Benchmark {
  private static final String LABEL = "2 scheduling";
  static final int MAX_RUNNING = 10_000;

  @Override
  public String id() {
    return "scheduling";
  }

  @Override
  public String label() {
    return LABEL;
  }

  @Override
  public void run(BenchContext ctx) throws Exception {
    int jobs = ctx.sizes().schedulingJobs();
    ctx.results().note(LABEL, jobs + " queued noop jobs, maxRunningJobs " + MAX_RUNNING
        + "; rate of hand-overs from the first to the last, by the executor's clock.");
    for (StoreKind store : StoreKind.values()) {
      RedisInstance redis = store == StoreKind.REDIS ? RedisInstance.start(ctx.work().resolve("scheduling-redis-server")) : null;
      try {
        measure(ctx, store, redis, jobs, false);
        if (store == StoreKind.SQLITE) {
          // The same with commits left to the operating system: how much of the figure is fsync.
          measure(ctx, store, null, jobs, true);
        }
      } finally {
        if (redis != null) {
          redis.close();
        }
      }
    }
  }

  @SuppressWarnings("try") // the recording is open for exactly the try block: that is its use
  private void measure(BenchContext ctx, StoreKind store, RedisInstance redis, int jobs, boolean syncNormal)
      throws Exception {
    String subject = (store == StoreKind.SQLITE ? "Berth + SQLite" : "Berth + Redis")
        + (syncNormal ? ", synchronous: NORMAL" : "");
    String name = "scheduling-" + store.pluginId() + (syncNormal ? "-normal" : "");
    ServerDir dir = ctx.benchServerDir(name);
    PreloadedQueue.fill(ctx.layout(), PreloadedQueue.scratch(ctx.work()), dir, store, redis,
        List.of(new PreloadedQueue.Batch("noop", jobs)), MAX_RUNNING);
    Instant storeDone;
    ServerConfig config = ServerConfig.bench(store, redis == null ? null : redis.url());
    if (syncNormal) {
      config = config.set("store.sqlite.synchronous", "NORMAL");
    }
    try (ServerUnderTest server = ctx.start(dir, config);
        FlightRecording jfr = ctx.profile(name, server)) {
      // The journal first, so that no API call competes with the scheduler while it hands jobs over.
      Deadline.await(jobs + " jobs to end", Duration.ofSeconds(Math.max(600, jobs / 50)), Duration.ofSeconds(1),
          () -> RunJournalReader.ends(dir.journal()) >= jobs);
      Deadline.await("the store to record every end", Duration.ofMinutes(10), Duration.ofMillis(50),
          () -> server.control().queue().empty());
      storeDone = Instant.now();
    }
    List<RunJournalReader.Run> runs = RunJournalReader.read(dir.journal());
    long succeeded = runs.stream().filter(r -> "SUCCEEDED".equals(r.endPhase())).count();
    if (runs.size() != jobs || succeeded != jobs) {
      throw new IllegalStateException(subject + ": " + jobs + " jobs queued, " + runs.size() + " handed over, "
          + succeeded + " succeeded");
    }
    Instant first = runs.stream().map(RunJournalReader.Run::handedOver).min(Instant::compareTo).orElseThrow();
    Instant last = runs.stream().map(RunJournalReader.Run::handedOver).max(Instant::compareTo).orElseThrow();
    double handOverSeconds = Duration.between(first, last).toNanos() / 1e9;
    double allSeconds = Duration.between(first, storeDone).toNanos() / 1e9;
    ctx.results().figure(LABEL, subject, "jobs claimed and handed over/s", (jobs - 1) / handOverSeconds, "1/s")
        .target("≥ 2,000", v -> v >= 2_000).add();
    ctx.results().figure(LABEL, subject, "jobs through to COMPLETED in the store/s", jobs / allSeconds, "1/s").add();
  }
}
