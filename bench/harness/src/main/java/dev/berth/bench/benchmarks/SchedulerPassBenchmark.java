package dev.berth.bench.benchmarks;

import dev.berth.api.AvailabilityVerdict;
import dev.berth.api.GpuVerdict;
import dev.berth.api.NodeVerdict;
import dev.berth.api.QueueOrder;
import dev.berth.api.QueueStore;
import dev.berth.api.ResourceProbe;
import dev.berth.bench.BenchContext;
import dev.berth.bench.Benchmark;
import dev.berth.bench.infra.HoldingExecutor;
import dev.berth.bench.infra.InProcessPlugins;
import dev.berth.bench.infra.PreloadedQueue;
import dev.berth.bench.infra.QueueFiller;
import dev.berth.bench.infra.RedisInstance;
import dev.berth.bench.infra.ServerConfig;
import dev.berth.bench.infra.ServerDir;
import dev.berth.bench.infra.StoreKind;
import dev.berth.bench.load.LatencyStats;
import dev.berth.core.host.Provided;
import dev.berth.core.metrics.BerthMetrics;
import dev.berth.core.fairshare.FairShareService;
import dev.berth.core.scheduler.JobChanges;
import dev.berth.core.scheduler.Leadership;
import dev.berth.core.scheduler.PassRules;
import dev.berth.core.scheduler.PolicyPanel;
import dev.berth.core.scheduler.ResourceMonitor;
import dev.berth.core.scheduler.Scheduler;
import dev.berth.core.scheduler.StateWriter;
import dev.berth.core.settings.FairshareSettings;
import dev.berth.core.settings.LimitSettings;
import dev.berth.core.settings.SchedulerSettings;
import dev.berth.core.settings.SettingsService;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Issue 13: what a scheduling pass costs when it can start nothing, and what the start estimates
 * of the first 1,000 queued jobs cost, with a deep queue of many users. The real scheduler runs
 * inside the harness over the real store plugin, the bench probe's 64 GPUs and the real order
 * plugin; an executor whose runs never end holds every GPU, so each timed pass ranks the queue,
 * finds the first job blocked, reserves for it and stops. Each estimate is timed on a fresh pass's
 * plan, computed on first read as the API computes it. First come, first served, strict, runs the
 * same way beside it.
 */
public final class SchedulerPassBenchmark implements Benchmark {
  private static final String LABEL = "13 scheduler pass";
  private static final int GPUS = 64;
  private static final int WARMUP = 20;

  @Override
  public String id() {
    return "pass";
  }

  @Override
  public String label() {
    return LABEL;
  }

  @Override
  public void run(BenchContext ctx) throws Exception {
    int jobs = ctx.sizes().fairJobs();
    int users = ctx.sizes().fairUsers();
    int samples = ctx.sizes().passSamples();
    ctx.results().note(LABEL, jobs + " queued 1-GPU jobs of " + users + " users, " + GPUS + " GPUs all held, "
        + samples + " timed passes after " + WARMUP + " untimed; in-process, real store and order plugins.");
    for (StoreKind store : StoreKind.values()) {
      for (String[] rule : new String[][] {{"fifo", "none"}, {"multifactor", "easy"}}) {
        RedisInstance redis = store == StoreKind.REDIS
            ? RedisInstance.start(ctx.work().resolve("pass-redis-" + rule[0])) : null;
        try {
          measure(ctx, store, redis, jobs, users, samples, rule[0], rule[1]);
        } finally {
          if (redis != null) {
            redis.close();
          }
        }
      }
    }
  }

  private void measure(BenchContext ctx, StoreKind store, RedisInstance redis, int jobs, int users, int samples,
      String order, String backfill) throws Exception {
    String subject = (store == StoreKind.SQLITE ? "Berth + SQLite" : "Berth + Redis") + ", " + order + " + backfill "
        + backfill;
    ServerDir dir = ctx.benchServerDir("pass-" + store.pluginId() + "-" + order);
    PreloadedQueue.fillMix(ctx.layout(), PreloadedQueue.scratch(ctx.work()), dir, store, redis,
        QueueFiller.manyUsers("noop", users, 3600), jobs,
        Map.of("scheduler", Map.of("maxRunningJobs", "10000", "backfill", backfill)));
    ServerConfig config = ServerConfig.bench(store, redis == null ? null : redis.url())
        .set("extensions.order", order)
        .set("probe.bench.gpus", GPUS);
    try (InProcessPlugins plugins = InProcessPlugins.open(ctx.layout(), dir, config)) {
      QueueStore queue = plugins.extension(QueueStore.class, store.pluginId());
      Clock clock = Clock.systemUTC();
      SettingsService settings = new SettingsService();
      settings.register(SchedulerSettings.SCHEMA);
      settings.register(LimitSettings.SCHEMA);
      settings.register(FairshareSettings.SCHEMA);
      settings.attach(queue);
      BerthMetrics metrics = new BerthMetrics();
      JobChanges changes = new JobChanges(queue, List.of());
      ResourceMonitor monitor = new ResourceMonitor(plugins.extension(ResourceProbe.class, "bench"), clock, metrics,
          () -> 5, () -> {});
      monitor.sampleNow();
      Scheduler scheduler = new Scheduler(queue, new HoldingExecutor(), plugins.extension(QueueOrder.class, order),
          monitor, new PolicyPanel(List.of(new Provided<>("all-clear", SchedulerPassBenchmark::allClear))),
          new StateWriter(queue, changes), clock, metrics, () -> PassRules.from(settings::current), () -> 5,
          Leadership.ALONE,
          new FairShareService(queue, () -> settings.current(FairshareSettings.SECTION), clock)::snapshot);
      changes.subscribe(scheduler::onChange);
      int started = scheduler.runPass();
      if (started != GPUS) {
        throw new IllegalStateException(subject + ": the first pass started " + started + " jobs, not " + GPUS);
      }
      long[] passes = new long[samples];
      long[] estimates = new long[samples];
      for (int i = -WARMUP; i < samples; i++) {
        long t0 = System.nanoTime();
        int n = scheduler.runPass();
        long t1 = System.nanoTime();
        int planned = scheduler.plan().jobs().size();
        long t2 = System.nanoTime();
        if (n != 0 || planned == 0) {
          throw new IllegalStateException(subject + ": a timed pass started " + n + " jobs and planned " + planned);
        }
        if (i >= 0) {
          passes[i] = t1 - t0;
          estimates[i] = t2 - t1;
        }
      }
      LatencyStats pass = LatencyStats.ofNanos(passes);
      LatencyStats estimate = LatencyStats.ofNanos(estimates);
      ctx.results().figure(LABEL, subject, "pass that starts nothing p50", pass.p50Ms(), "ms").add();
      ctx.results().figure(LABEL, subject, "pass that starts nothing p99", pass.p99Ms(), "ms")
          .target("≤ 20 ms", v -> v <= 20).add();
      ctx.results().figure(LABEL, subject, "estimates of the first 1,000 queued p50", estimate.p50Ms(), "ms").add();
      ctx.results().figure(LABEL, subject, "estimates of the first 1,000 queued p99", estimate.p99Ms(), "ms")
          .target("≤ 50 ms", v -> v <= 50).add();
      scheduler.close();
    }
  }

  private static AvailabilityVerdict allClear(dev.berth.api.ResourceSnapshot snapshot) {
    return new AvailabilityVerdict(snapshot.nodes().stream()
        .map(n -> new NodeVerdict(n.name(), List.of(),
            n.gpus().stream().map(g -> new GpuVerdict(g.index(), List.of())).toList()))
        .toList());
  }
}
