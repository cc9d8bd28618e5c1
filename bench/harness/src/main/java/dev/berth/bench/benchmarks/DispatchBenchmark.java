package dev.berth.bench.benchmarks;

import dev.berth.bench.BenchContext;
import dev.berth.bench.Benchmark;
import dev.berth.bench.infra.DeadWebhook;
import dev.berth.bench.infra.Deadline;
import dev.berth.bench.infra.RedisInstance;
import dev.berth.bench.infra.RunJournalReader;
import dev.berth.bench.infra.ServerConfig;
import dev.berth.bench.infra.ServerDir;
import dev.berth.bench.infra.ServerUnderTest;
import dev.berth.bench.infra.StoreKind;
import dev.berth.bench.load.LatencyStats;
import dev.berth.bench.load.LongList;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * Issue 8, item 3: the GPU's idle gap between two jobs with {@code maxRunningJobs: 1}, from the
 * executor reporting one job's end to the executor receiving the next job, both instants taken by
 * the bench executor in the server's JVM. The jobs are {@code sleep} runs of a few milliseconds,
 * queued behind a {@code hold} job that is then cancelled, so every next job was already waiting.
 * Measured again on SQLite with a webhook listener whose receiver never answers (issue 17): its
 * gaps should match the plain run's.
 */
public final class DispatchBenchmark implements Benchmark {
  private static final String LABEL = "3 dispatch";

  @Override
  public String id() {
    return "dispatch";
  }

  @Override
  public String label() {
    return LABEL;
  }

  @Override
  public void run(BenchContext ctx) throws Exception {
    ctx.results().note(LABEL, ctx.sizes().dispatchJobs() + " sleep jobs of " + ctx.sizes().dispatchJobMillis()
        + " ms each, maxRunningJobs 1; gap = next hand-over − previous end, by the executor's clock.");
    for (StoreKind store : StoreKind.values()) {
      RedisInstance redis = store == StoreKind.REDIS ? RedisInstance.start(ctx.work().resolve("dispatch-redis-server")) : null;
      try {
        measure(ctx, store, redis, null);
      } finally {
        if (redis != null) {
          redis.close();
        }
      }
    }
    try (DeadWebhook dead = new DeadWebhook()) {
      measure(ctx, StoreKind.SQLITE, null, dead);
      ctx.results().note(LABEL, "Dead webhook: the receiver accepted " + dead.connections()
          + " connections and answered none; compare its gaps with Berth + SQLite of the same run.");
    }
  }

  /** @param dead a never-answering webhook receiver to notify of every event, or null for none */
  private void measure(BenchContext ctx, StoreKind store, RedisInstance redis, DeadWebhook dead) throws Exception {
    String subject = (store == StoreKind.SQLITE ? "Berth + SQLite" : "Berth + Redis")
        + (dead == null ? "" : ", dead webhook");
    int jobs = ctx.sizes().dispatchJobs();
    long millis = ctx.sizes().dispatchJobMillis();
    ServerDir dir = ctx.benchServerDir("dispatch-" + store.pluginId() + (dead == null ? "" : "-dead-webhook"));
    ServerConfig config = ServerConfig.bench(store, redis == null ? null : redis.url());
    if (dead != null) {
      dead.configure(config, ctx.work().resolve("dispatch-dead-webhook"));
    }
    String holdId;
    try (ServerUnderTest server = ctx.start(dir, config)) {
      holdId = server.control().submit(SubmitBenchmark.HOLD);
      Deadline.await("the hold job to run", Duration.ofMinutes(1), Duration.ofMillis(10),
          () -> server.control().get("/api/v1/jobs/" + holdId).json().get("state").asText().equals("RUNNING"));
      String body = "{\"user\":\"bench\",\"template\":\"sleep\",\"gpus\":0,\"parameters\":{\"millis\":\"" + millis + "\"}}";
      for (int i = 0; i < jobs; i++) {
        server.control().submit(body);
      }
      server.control().cancel(holdId);
      Deadline.await(jobs + " jobs to end", Duration.ofSeconds(120 + jobs * millis / 100), Duration.ofMillis(100),
          () -> RunJournalReader.ends(dir.journal()) >= jobs + 1);
    }
    List<RunJournalReader.Run> runs = RunJournalReader.read(dir.journal()).stream()
        .filter(r -> !r.jobId().equals(holdId))
        .sorted(Comparator.comparing(RunJournalReader.Run::handedOver))
        .toList();
    if (runs.size() != jobs || runs.stream().anyMatch(r -> !"SUCCEEDED".equals(r.endPhase()))) {
      throw new IllegalStateException(subject + ": " + jobs + " jobs submitted, " + runs.size() + " ran: " + runs);
    }
    LongList gaps = new LongList();
    for (int i = 1; i < runs.size(); i++) {
      long gap = Duration.between(runs.get(i - 1).ended(), runs.get(i).handedOver()).toNanos();
      if (gap < 0) {
        throw new IllegalStateException(subject + ": job " + runs.get(i).jobId() + " was handed over before job "
            + runs.get(i - 1).jobId() + " ended, with maxRunningJobs 1");
      }
      gaps.add(gap);
    }
    LatencyStats stats = LatencyStats.ofNanos(gaps.toArray());
    double makespan = Duration.between(runs.get(0).handedOver(), runs.get(runs.size() - 1).ended()).toNanos() / 1e9;
    ctx.results().figure(LABEL, subject, "idle gap p50", stats.p50Ms(), "ms").details(stats.fields()).add();
    ctx.results().figure(LABEL, subject, "idle gap p99", stats.p99Ms(), "ms").target("≤ 20 ms", v -> v <= 20).add();
    ctx.results().figure(LABEL, subject, "idle gap max", stats.maxMs(), "ms").add();
    ctx.results().figure(LABEL, subject, "makespan ÷ pure run time", makespan / (jobs * millis / 1000.0), "ratio").add();
  }
}
