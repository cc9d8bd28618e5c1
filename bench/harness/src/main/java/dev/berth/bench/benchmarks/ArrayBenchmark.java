package dev.berth.bench.benchmarks;

import dev.berth.api.JobFlow;
import dev.berth.api.JobSubmission;
import dev.berth.bench.BenchContext;
import dev.berth.bench.Benchmark;
import dev.berth.bench.infra.ControlClient;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 16: a 1,000-element array is one request, and how long it takes over HTTP, store write
 * included; and scheduling throughput with arrays queued, as issue 2's scheduling benchmark
 * measures it (CPU-only noop jobs that end as they start, maxRunningJobs 10,000, so nothing but
 * Berth sets the pace), except that every job is an element of a capped array: each claim also
 * checks its array's cap, and the walk of the queue skips arrays at their cap. The caps together
 * allow 1,000 at once, so they are checked on every claim without setting the pace.
 */
public final class ArrayBenchmark implements Benchmark {
  private static final String LABEL = "16 arrays";
  private static final int GPUS = 64;
  /** The submitted array's size, and the preloaded arrays' (smaller in quick mode, so that there are several). */
  private static final int ELEMENTS_PER_ARRAY = 1_000;
  private static final int CAP = 100;

  @Override
  public String id() {
    return "array";
  }

  @Override
  public String label() {
    return LABEL;
  }

  @Override
  public void run(BenchContext ctx) throws Exception {
    int elements = ctx.sizes().arrayElements();
    ctx.results().note(LABEL, "Submit: " + ctx.sizes().arraySubmits() + " POST /api/v1/jobs of one 1,000-element"
        + " array (\"0-999%4\") each, after two warm-up arrays, timed by the client from request to 201. Throughput: "
        + elements + " queued CPU-only noop jobs in arrays of " + Math.max(1, Math.min(ELEMENTS_PER_ARRAY, elements / 10))
        + " (\"%" + CAP + "\" each, one"
        + " user an array), 1 h limits, maxRunningJobs 10,000 (as benchmark 2); hand-overs per second from the first"
        + " to the last, by the executor's clock.");
    for (StoreKind store : StoreKind.values()) {
      RedisInstance redis = store == StoreKind.REDIS ? RedisInstance.start(ctx.work().resolve("array-redis")) : null;
      try {
        submit(ctx, store, redis);
      } finally {
        if (redis != null) {
          redis.close();
        }
      }
      for (String[] rule : new String[][] {{"fifo", "none"}, {"multifactor", "easy"}}) {
        RedisInstance r = store == StoreKind.REDIS
            ? RedisInstance.start(ctx.work().resolve("array-redis-" + rule[0])) : null;
        try {
          throughput(ctx, store, r, elements, rule[0], rule[1]);
        } finally {
          if (r != null) {
            r.close();
          }
        }
      }
    }
  }

  private void submit(BenchContext ctx, StoreKind store, RedisInstance redis) throws Exception {
    String subject = subject(store) + ", one 1,000-element array";
    ServerDir dir = ctx.benchServerDir("array-submit-" + store.pluginId());
    ServerConfig config = ServerConfig.bench(store, redis == null ? null : redis.url())
        .set("probe.bench.gpus", GPUS);
    int n = ctx.sizes().arraySubmits();
    long[] nanos = new long[n];
    try (ServerUnderTest server = ctx.start(dir, config)) {
      ControlClient http = server.control();
      String body = "{\"user\":\"bench\",\"template\":\"noop\",\"gpus\":0,\"timeLimit\":\"1h\",\"array\":\"0-999%4\"}";
      for (int i = 0; i < 2 + n; i++) {
        long t0 = System.nanoTime();
        ControlClient.Response r = http.postJson("/api/v1/jobs", body);
        long took = System.nanoTime() - t0;
        if (r.status() != 201 || r.json().get("size").asInt() != ELEMENTS_PER_ARRAY) {
          throw new IllegalStateException(subject + ": " + r.status() + " " + r.body());
        }
        if (i >= 2) {
          nanos[i - 2] = took;
        }
      }
    }
    Arrays.sort(nanos);
    ctx.results().figure(LABEL, subject, "request to 201, median", nanos[n / 2] / 1e6, "ms").add();
    var worst = ctx.results().figure(LABEL, subject, "request to 201, slowest", nanos[n - 1] / 1e6, "ms");
    if (store == StoreKind.SQLITE) {
      worst.target("< 1,000 ms", v -> v < 1_000);
    }
    worst.add();
  }

  @SuppressWarnings("try") // the recording is open for exactly the try block: that is its use
  private void throughput(BenchContext ctx, StoreKind store, RedisInstance redis, int elements, String order,
      String backfill) throws Exception {
    String subject = subject(store) + ", " + order + " + backfill " + backfill;
    String name = "array-" + store.pluginId() + "-" + order;
    ServerDir dir = ctx.benchServerDir(name);
    int perArray = Math.max(1, Math.min(ELEMENTS_PER_ARRAY, elements / 10));
    PreloadedQueue.fillWith(ctx.layout(), PreloadedQueue.scratch(ctx.work()), dir, store, redis, queue -> {
      Instant at = Instant.now();
      for (int a = 0; a * perArray < elements; a++) {
        int size = Math.min(perArray, elements - a * perArray);
        String user = String.format(Locale.ROOT, "user%02d", a);
        List<JobSubmission> array = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
          array.add(new JobSubmission("sweep", user, "noop", Map.of(), 0, 0, 3600, null,
              new JobFlow(List.of(), null, i, CAP, 0, 1), false));
        }
        queue.enqueueAll(array, at);
      }
    }, Map.of("scheduler", Map.of("maxRunningJobs", "10000", "backfill", backfill)));
    ServerConfig config = ServerConfig.bench(store, redis == null ? null : redis.url())
        .set("extensions.order", order)
        .set("probe.bench.gpus", GPUS);
    try (ServerUnderTest server = ctx.start(dir, config);
        FlightRecording jfr = ctx.profile(name, server)) {
      Deadline.await(elements + " jobs to end", Duration.ofSeconds(Math.max(600, elements / 50)), Duration.ofSeconds(1),
          () -> RunJournalReader.ends(dir.journal()) >= elements);
      Deadline.await("the store to record every end", Duration.ofMinutes(10), Duration.ofMillis(50),
          () -> server.control().queue().empty());
    }
    List<RunJournalReader.Run> runs = RunJournalReader.read(dir.journal());
    if (runs.size() != elements) {
      throw new IllegalStateException(subject + ": " + elements + " jobs queued, " + runs.size() + " handed over");
    }
    Instant first = runs.stream().map(RunJournalReader.Run::handedOver).min(Instant::compareTo).orElseThrow();
    Instant last = runs.stream().map(RunJournalReader.Run::handedOver).max(Instant::compareTo).orElseThrow();
    double seconds = Duration.between(first, last).toNanos() / 1e9;
    ctx.results().figure(LABEL, subject, "jobs claimed and handed over/s", (elements - 1) / seconds, "1/s")
        .target("≥ 2,000", v -> v >= 2_000)
        .add();
  }

  private static String subject(StoreKind store) {
    return store == StoreKind.SQLITE ? "Berth + SQLite" : "Berth + Redis";
  }
}
