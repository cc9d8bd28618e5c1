package dev.berth.bench.benchmarks;

import dev.berth.bench.BenchContext;
import dev.berth.bench.Benchmark;
import dev.berth.bench.infra.Deadline;
import dev.berth.bench.infra.FlightRecording;
import dev.berth.bench.infra.PreloadedQueue;
import dev.berth.bench.infra.QueueFiller;
import dev.berth.bench.infra.RedisInstance;
import dev.berth.bench.infra.RunJournalReader;
import dev.berth.bench.infra.ServerDir;
import dev.berth.bench.infra.ServerUnderTest;
import dev.berth.bench.infra.StoreKind;
import dev.berth.bench.infra.ServerConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Issue 13: scheduling throughput when the order ranks the whole queue by fair share and easy
 * backfill looks past the first job that cannot start. The queue holds one-GPU jobs of many users,
 * interleaved, each with a time limit; the bench probe shows 64 idle GPUs and the bench executor
 * ends each job as it starts, so GPUs, not slots, bound how many run at once. First come, first
 * served on the same queue runs beside it in the same run: the ratio is the cost of fairness.
 */
public final class FairSchedulingBenchmark implements Benchmark {
  private static final String LABEL = "13 fair scheduling";
  private static final int GPUS = 64;

  @Override
  public String id() {
    return "fair";
  }

  @Override
  public String label() {
    return LABEL;
  }

  @Override
  public void run(BenchContext ctx) throws Exception {
    int jobs = ctx.sizes().fairJobs();
    int users = ctx.sizes().fairUsers();
    ctx.results().note(LABEL, jobs + " queued 1-GPU noop jobs of " + users + " users with 1 h limits, " + GPUS
        + " bench GPUs, maxRunningJobs 10,000; hand-overs per second from the first to the last, by the"
        + " executor's clock.");
    for (StoreKind store : StoreKind.values()) {
      for (String[] rule : new String[][] {{"fifo", "none"}, {"multifactor", "easy"}}) {
        RedisInstance redis = store == StoreKind.REDIS
            ? RedisInstance.start(ctx.work().resolve("fair-redis-" + rule[0])) : null;
        try {
          measure(ctx, store, redis, jobs, users, rule[0], rule[1]);
        } finally {
          if (redis != null) {
            redis.close();
          }
        }
      }
    }
  }

  @SuppressWarnings("try") // the recording is open for exactly the try block: that is its use
  private void measure(BenchContext ctx, StoreKind store, RedisInstance redis, int jobs, int users, String order,
      String backfill) throws Exception {
    String subject = (store == StoreKind.SQLITE ? "Berth + SQLite" : "Berth + Redis") + ", " + order + " + backfill "
        + backfill;
    String name = "fair-" + store.pluginId() + "-" + order;
    ServerDir dir = ctx.benchServerDir(name);
    PreloadedQueue.fillMix(ctx.layout(), PreloadedQueue.scratch(ctx.work()), dir, store, redis,
        QueueFiller.manyUsers("noop", users, 3600), jobs,
        Map.of("scheduler", Map.of("maxRunningJobs", "10000", "backfill", backfill)));
    ServerConfig config = ServerConfig.bench(store, redis == null ? null : redis.url())
        .set("extensions.order", order)
        .set("probe.bench.gpus", GPUS);
    try (ServerUnderTest server = ctx.start(dir, config);
        FlightRecording jfr = ctx.profile(name, server)) {
      Deadline.await(jobs + " jobs to end", Duration.ofSeconds(Math.max(600, jobs / 50)), Duration.ofSeconds(1),
          () -> RunJournalReader.ends(dir.journal()) >= jobs);
      Deadline.await("the store to record every end", Duration.ofMinutes(10), Duration.ofMillis(50),
          () -> server.control().queue().empty());
    }
    List<RunJournalReader.Run> runs = RunJournalReader.read(dir.journal());
    if (runs.size() != jobs) {
      throw new IllegalStateException(subject + ": " + jobs + " jobs queued, " + runs.size() + " handed over");
    }
    Instant first = runs.stream().map(RunJournalReader.Run::handedOver).min(Instant::compareTo).orElseThrow();
    Instant last = runs.stream().map(RunJournalReader.Run::handedOver).max(Instant::compareTo).orElseThrow();
    double seconds = Duration.between(first, last).toNanos() / 1e9;
    var figure = ctx.results().figure(LABEL, subject, "jobs claimed and handed over/s", (jobs - 1) / seconds, "1/s");
    if (order.equals("multifactor")) {
      figure.target("≥ 2,000", v -> v >= 2_000);
    }
    figure.add();
  }
}
