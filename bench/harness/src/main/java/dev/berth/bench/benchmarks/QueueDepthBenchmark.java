package dev.berth.bench.benchmarks;

import dev.berth.bench.BenchContext;
import dev.berth.bench.Benchmark;
import dev.berth.bench.infra.Deadline;
import dev.berth.bench.infra.PreloadedQueue;
import dev.berth.bench.infra.RedisInstance;
import dev.berth.bench.infra.RunJournalReader;
import dev.berth.bench.infra.ServerConfig;
import dev.berth.bench.infra.ServerDir;
import dev.berth.bench.infra.ServerUnderTest;
import dev.berth.bench.infra.StoreKind;
import dev.berth.bench.load.HttpLoad;
import dev.berth.bench.load.HttpRequestBytes;
import dev.berth.bench.load.LoadResult;
import dev.berth.bench.report.Results;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Issue 8, item 4: the cost of one submit and of one claim with 0, 10k, 100k and 1M jobs already
 * queued, on each store. The queue is filled before the server starts, behind a {@code hold} job
 * that keeps the one run slot busy. Then: submits from one client (their latency is the submit
 * cost), and, after the hold job is cancelled and the slot limit raised, the rate of the first
 * claims (its inverse is the claim cost). Redis's memory per queued job comes from {@code INFO
 * memory} before and after filling.
 */
public final class QueueDepthBenchmark implements Benchmark {
  private static final String LABEL = "4 queue depth";

  @Override
  public String id() {
    return "depth";
  }

  @Override
  public String label() {
    return LABEL;
  }

  /** One depth's measurements. */
  private record Point(int depth, double submitP50Ms, double claimMs) {}

  @Override
  public void run(BenchContext ctx) throws Exception {
    ctx.results().note(LABEL, "Depths " + ctx.sizes().depths() + "; submit cost = p50 latency of up to "
        + ctx.sizes().depthSubmits() + " submits from 1 client (10 s at most); claim cost = 1 ÷ the rate of the first "
        + ctx.sizes().depthClaims() + " hand-overs.");
    for (StoreKind store : StoreKind.values()) {
      Map<Integer, Point> points = new LinkedHashMap<>();
      for (int depth : ctx.sizes().depths()) {
        points.put(depth, measure(ctx, store, depth));
      }
      growth(ctx.results(), subject(store), points);
    }
  }

  private static String subject(StoreKind store) {
    return store == StoreKind.SQLITE ? "Berth + SQLite" : "Berth + Redis";
  }

  private Point measure(BenchContext ctx, StoreKind store, int depth) throws Exception {
    Results r = ctx.results();
    String subject = subject(store) + " @ " + depth + " queued";
    RedisInstance redis = store == StoreKind.REDIS ? RedisInstance.start(ctx.work().resolve("depth-redis-server")) : null;
    try {
      ServerDir dir = ctx.benchServerDir("depth-" + store.pluginId());
      long before = redis == null ? 0 : redis.usedMemory();
      PreloadedQueue.fill(ctx.layout(), PreloadedQueue.scratch(ctx.work()), dir, store, redis,
          List.of(new PreloadedQueue.Batch("hold", 1), new PreloadedQueue.Batch("noop", depth)), 1);
      if (redis != null && depth > 0) {
        r.figure(LABEL, subject, "Redis memory per queued job", (double) (redis.usedMemory() - before) / (depth + 1), "B")
            .add();
      }
      try (ServerUnderTest server = ctx.start(dir, ServerConfig.bench(store, redis == null ? null : redis.url()))) {
        Deadline.await("the hold job to run", Duration.ofMinutes(5), Duration.ofMillis(20),
            () -> RunJournalReader.handOvers(dir.journal()) >= 1);
        LoadResult submits = HttpLoad.run(server.port(),
            HttpRequestBytes.postJson(server.port(), "/api/v1/jobs", ctx.auth(), SubmitBenchmark.BODY),
            new HttpLoad.Plan(1, Duration.ofMillis(500), Duration.ofSeconds(10), ctx.sizes().depthSubmits()));
        if (!submits.clean()) {
          throw new IllegalStateException(subject + ": " + submits.summary());
        }
        r.figure(LABEL, subject, "submit p50", submits.latency().p50Ms(), "ms").details(submits.latency().fields()).add();

        int claims = (int) Math.min(ctx.sizes().depthClaims(), depth + submits.ok());
        server.control().setMaxRunningJobs(SchedulingBenchmark.MAX_RUNNING);
        server.control().cancel("1");
        Deadline.await(claims + " claims", Duration.ofMinutes(10), Duration.ofMillis(100),
            () -> RunJournalReader.handOvers(dir.journal()) >= claims + 1);
        List<Instant> handOvers = RunJournalReader.read(dir.journal()).stream().map(RunJournalReader.Run::handedOver)
            .sorted(Comparator.naturalOrder()).toList();
        double seconds = Duration.between(handOvers.get(1), handOvers.get(claims)).toNanos() / 1e9;
        double claimMs = seconds * 1000 / (claims - 1);
        r.figure(LABEL, subject, "claim cost (1 ÷ claim rate)", claimMs, "ms").add();
        return new Point(depth, submits.latency().p50Ms(), claimMs);
      }
    } finally {
      if (redis != null) {
        redis.close();
      }
    }
  }

  private static void growth(Results r, String subject, Map<Integer, Point> points) {
    Point empty = points.values().iterator().next();
    Point deepest = points.values().stream().reduce((a, b) -> b).orElseThrow();
    if (deepest == empty) {
      return;
    }
    String range = "growth 0 → " + deepest.depth();
    r.figure(LABEL, subject, "submit cost " + range, deepest.submitP50Ms() / empty.submitP50Ms(), "ratio")
        .target("≤ 1.5×", v -> v <= 1.5).add();
    r.figure(LABEL, subject, "claim cost " + range, deepest.claimMs() / empty.claimMs(), "ratio")
        .target("≤ 1.5×", v -> v <= 1.5).add();
  }
}
