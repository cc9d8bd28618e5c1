package dev.berth.bench.benchmarks;

import dev.berth.api.QueueStore;
import dev.berth.bench.BenchContext;
import dev.berth.bench.Benchmark;
import dev.berth.bench.baseline.BareJavalin;
import dev.berth.bench.baseline.RedisBenchmark;
import dev.berth.bench.infra.ControlClient;
import dev.berth.bench.infra.Deadline;
import dev.berth.bench.infra.FlightRecording;
import dev.berth.bench.infra.FreePort;
import dev.berth.bench.infra.InProcessPlugins;
import dev.berth.bench.infra.JvmProcess;
import dev.berth.bench.infra.QueueFiller;
import dev.berth.bench.infra.RedisInstance;
import dev.berth.bench.infra.RssSampler;
import dev.berth.bench.infra.ServerConfig;
import dev.berth.bench.infra.ServerDir;
import dev.berth.bench.infra.ServerUnderTest;
import dev.berth.bench.infra.StoreKind;
import dev.berth.bench.load.HttpLoad;
import dev.berth.bench.load.HttpRequestBytes;
import dev.berth.bench.load.LoadResult;
import dev.berth.bench.report.Results;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Issue 8, item 1: {@code POST /api/v1/jobs} from N keep-alive clients, closed loop, against Berth on
 * SQLite and on Redis, beside the HTTP ceiling (a bare Javalin endpoint) and the store ceilings
 * (each store's own enqueue in-process, and redis-benchmark on the same Redis).
 *
 * <p>A {@code hold} job occupies the one run slot first, so every submitted job stays queued: the
 * figure is the submit path (validation, the store's commit, the queue position, the scheduler's
 * wake-up pass), not scheduling, which item 2 measures.
 */
public final class SubmitBenchmark implements Benchmark {
  static final String BODY = "{\"user\":\"bench\",\"template\":\"noop\",\"gpus\":0}";
  static final String HOLD = "{\"user\":\"bench\",\"template\":\"hold\",\"gpus\":0}";
  private static final String LABEL = "1 submit";

  @Override
  public String id() {
    return "submit";
  }

  @Override
  public String label() {
    return LABEL;
  }

  @Override
  public void run(BenchContext ctx) throws Exception {
    Results r = ctx.results();
    HttpLoad.Plan plan = new HttpLoad.Plan(ctx.options().clients(), ctx.sizes().submitWarmup(),
        ctx.sizes().submitMeasure(), Long.MAX_VALUE);
    r.note(LABEL, ctx.options().clients() + " keep-alive clients, closed loop, " + plan.warmup().toSeconds()
        + " s warm-up then " + plan.measure().toSeconds() + " s measured; load generator on the same machine.");

    LoadResult bare = bareEndpoint(ctx, plan);
    record(r, "bare Javalin (HTTP ceiling)", bare, null);

    LoadResult sqlite = berth(ctx, plan, StoreKind.SQLITE, null, Variant.plain("Berth + SQLite"));
    record(r, "Berth + SQLite", sqlite, bare);

    try (RedisInstance redis = RedisInstance.start(ctx.work().resolve("submit-redis-server"))) {
      r.note(LABEL, "Redis runs with " + RedisInstance.SETTINGS + " (docs/stores.md's recommendation).");
      LoadResult viaRedis = berth(ctx, plan, StoreKind.REDIS, redis, Variant.plain("Berth + Redis"));
      record(r, "Berth + Redis", viaRedis, bare);
      List<RedisBenchmark.Row> rows = RedisBenchmark.run(redis.port(), ctx.options().clients(),
          ctx.sizes().redisBenchmarkRequests());
      for (RedisBenchmark.Row row : rows) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("p50Ms", row.p50Ms());
        d.put("p99Ms", row.p99Ms());
        r.figure(LABEL, "redis-benchmark " + row.test(), "requests/s", row.rps(), "1/s").details(d).add();
      }
      rows.stream().filter(row -> row.test().equals("SET")).findFirst().ifPresent(set ->
          r.figure(LABEL, "Berth + Redis", "submits per Redis SET (store ceiling share)", viaRedis.okRate() / set.rps(),
              "ratio").add());
    }
    // The same with the store's switch that PINGs every borrowed connection (the default before the
    // store learned to repeat a call on a broken connection): what that round trip costs.
    try (RedisInstance redis = RedisInstance.start(ctx.work().resolve("submit-redis-server"))) {
      String subject = "Berth + Redis, testOnBorrow: true";
      LoadResult ping = berth(ctx, plan, StoreKind.REDIS, redis,
          new Variant(subject, false, c -> c.set("store.redis.testOnBorrow", true)));
      record(r, subject, ping, bare);
    }
  }

  private static LoadResult bareEndpoint(BenchContext ctx, HttpLoad.Plan plan) throws Exception {
    int port = FreePort.pick();
    ServerDir dir = ServerDir.fresh(ctx.work(), "submit-bare");
    try (JvmProcess bare = JvmProcess.start(ctx.layout().harnessClassPath(), BareJavalin.class.getName(), List.of(),
        List.of(Integer.toString(port)), Map.of(), dir.log())) {
      ControlClient control = new ControlClient(port, ctx.auth());
      Deadline.await("the bare Javalin endpoint", Duration.ofMinutes(2), Duration.ofMillis(10), () -> {
        if (!bare.isAlive()) {
          throw new IllegalStateException("bare Javalin exited:\n" + bare.logTail(20));
        }
        return control.get("/healthz").status() == 200;
      });
      return checked("bare Javalin", HttpLoad.run(port, HttpRequestBytes.postJson(port, "/api/v1/jobs", ctx.auth(), BODY), plan));
    }
  }

  /**
   * One Berth server to measure.
   *
   * @param plain the store's defaults: also measured in-process, and its memory reported
   * @param tweak what this variant changes in the config
   */
  private record Variant(String subject, boolean plain, UnaryOperator<ServerConfig> tweak) {
    static Variant plain(String subject) {
      return new Variant(subject, true, UnaryOperator.identity());
    }
  }

  @SuppressWarnings("try") // the recording is open for exactly the try block: that is its use
  private LoadResult berth(BenchContext ctx, HttpLoad.Plan plan, StoreKind store, RedisInstance redis, Variant variant)
      throws Exception {
    Results r = ctx.results();
    String subject = variant.subject();
    if (variant.plain()) {
      inProcessCeiling(ctx, store, subject);
    }
    ServerConfig config = variant.tweak().apply(ServerConfig.bench(store, redis == null ? null : redis.url()));
    String name = "submit-" + store.pluginId() + (variant.plain() ? "" : "-variant");
    ServerDir dir = ctx.benchServerDir(name);
    try (ServerUnderTest server = ctx.start(dir, config)) {
      String hold = server.control().submit(HOLD);
      Deadline.await("the hold job to run", Duration.ofMinutes(1), Duration.ofMillis(10),
          () -> server.control().get("/api/v1/jobs/" + hold).json().get("state").asText().equals("RUNNING"));
      long commandsBefore = redis == null ? 0 : redis.commandsProcessed();
      LoadResult result;
      try (RssSampler rss = new RssSampler(server.pid(), 500);
          FlightRecording jfr = ctx.profile(name, server)) {
        result = HttpLoad.run(server.port(), HttpRequestBytes.postJson(server.port(), "/api/v1/jobs", ctx.auth(), BODY), plan);
        if (variant.plain()) {
          r.figure("6 footprint", subject, "RSS peak under submit load", rss.maxMiB(), "MiB").add();
        }
      }
      checked(subject, result);
      if (redis != null) {
        // Two INFO calls of the harness's own are in the difference; negligible beside the load.
        double perSubmit = (double) (redis.commandsProcessed() - commandsBefore) / result.sent();
        r.figure(LABEL, subject, "Redis commands per submit", perSubmit, "commands").add();
      }
      long queued = server.control().queue().queued();
      if (queued < result.ok()) {
        throw new IllegalStateException(subject + ": " + result.ok() + " submits answered 201 but only " + queued
            + " jobs are queued");
      }
      return result;
    }
  }

  /**
   * The store's own enqueue, called from as many threads as there are clients, with no HTTP; on a
   * Redis of its own, so that the server's measurement starts from an empty one.
   */
  private static void inProcessCeiling(BenchContext ctx, StoreKind store, String subject) throws Exception {
    ServerDir dir = ServerDir.fresh(ctx.work(), "submit-" + store.pluginId() + "-in-process");
    RedisInstance redis = store == StoreKind.REDIS ? RedisInstance.start(dir.root().resolve("redis")) : null;
    try (InProcessPlugins plugins = InProcessPlugins.open(ctx.layout(), dir,
        ServerConfig.bench(store, redis == null ? null : redis.url()))) {
      QueueStore queue = plugins.extension(QueueStore.class, store.pluginId());
      long[] done = QueueFiller.fillFor(queue, QueueFiller.benchJob("noop"), ctx.sizes().storeInProcess(),
          ctx.options().clients());
      ctx.results().figure(LABEL, subject.replace("Berth + ", "") + " store in-process (store ceiling)",
          "enqueues/s", done[0] / (done[1] / 1e9), "1/s").add();
    } finally {
      if (redis != null) {
        redis.close();
      }
    }
  }

  private static LoadResult checked(String subject, LoadResult result) {
    if (!result.clean()) {
      throw new IllegalStateException(subject + ": not every submit succeeded: " + result.summary());
    }
    return result;
  }

  private static void record(Results r, String subject, LoadResult result, LoadResult bare) {
    Map<String, Object> details = new LinkedHashMap<>(result.latency().fields());
    details.put("statuses", result.statuses());
    var rate = r.figure(LABEL, subject, "submits/s", result.okRate(), "1/s").details(details);
    if (subject.contains("Redis")) {
      rate.target("≥ 10,000", v -> v >= 10_000);
    }
    rate.add();
    r.figure(LABEL, subject, "p50 latency", result.latency().p50Ms(), "ms").add();
    r.figure(LABEL, subject, "p99 latency", result.latency().p99Ms(), "ms").add();
    r.figure(LABEL, subject, "p99.9 latency", result.latency().p999Ms(), "ms").add();
    if (bare != null) {
      var share = r.figure(LABEL, subject, "rate ÷ bare endpoint's", result.okRate() / bare.okRate(), "ratio");
      if (subject.contains("Redis")) {
        share.target("≥ 0.40", v -> v >= 0.40);
      }
      share.add();
    }
  }
}
