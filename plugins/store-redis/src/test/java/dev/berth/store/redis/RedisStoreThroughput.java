package dev.berth.store.redis;

import dev.berth.api.Claim;
import dev.berth.api.Job;
import dev.berth.api.JobSubmission;
import dev.berth.api.Placement;
import dev.berth.testkit.RedisServerProcess;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/**
 * Not a test: a measurement, run on demand and never by {@code mvn verify} (the name does not end
 * in Test). It prints the store's own rates against a real redis-server started as the tests start
 * theirs (AOF, {@code appendfsync everysec}), in-process, with no HTTP:
 *
 * <pre>{@code mvn -B -o verify -pl plugins/store-redis -Dtest=RedisStoreThroughput}</pre>
 *
 * <p>Compare figures only within one run, or between runs taken back to back: the machine's load
 * moves them more than most changes do. It uses only the QueueStore API, so it runs unchanged
 * against older versions of the store.
 */
class RedisStoreThroughput {
  private static final int THREADS = 16;
  private static final Duration WARM_UP = Duration.ofSeconds(2);
  private static final Duration MEASURE = Duration.ofSeconds(5);
  private static final int CLAIM_JOBS = 20_480;
  private static final int WINDOW = 512;
  private static final JobSubmission SUBMISSION = new JobSubmission("ntu60 xsub joint", "alice", "proto-gcn",
      Map.of("config-file", "configs/ntu60_xsub/j.py", "work-dir", "runs/j1"), 1, 0);

  @Test
  void measure() throws Exception {
    Path dir = Files.createTempDirectory("berth-redis-throughput");
    try (RedisServerProcess redis = RedisServerProcess.start(dir.resolve("redis"),
            new RedisServerProcess.Options(true, "everysec", null, List.of()));
        JedisPooled raw = RedisTestStores.raw(redis)) {
      try (RedisQueueStore store = RedisTestStores.store(redis, dir, "enqueue:")) {
        report("enqueue", rate(raw, () -> store.enqueue(SUBMISSION, Instant.now())));
      }
      try (RedisQueueStore store = RedisTestStores.store(redis, dir, "submit:")) {
        report("enqueue + countQueuedBefore (a submit)", rate(raw, () -> {
          Job job = store.enqueue(SUBMISSION, Instant.now());
          store.countQueuedBefore(job.id());
        }));
      }
      try (RedisQueueStore store = RedisTestStores.store(redis, dir, "claim:")) {
        measureClaims(store, raw);
      }
    }
  }

  /** One thread claims a preloaded queue in windows of 512 through claimAll, as the scheduler does. */
  private static void measureClaims(RedisQueueStore store, JedisPooled raw) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < CLAIM_JOBS; i++) {
      ids.add(store.enqueue(SUBMISSION, Instant.now()).id());
    }
    long commands = commands(raw);
    long start = System.nanoTime();
    int claimed = 0;
    for (int from = 0; from < ids.size(); from += WINDOW) {
      List<Claim> window = new ArrayList<>();
      for (String id : ids.subList(from, Math.min(ids.size(), from + WINDOW))) {
        window.add(new Claim(id, new Placement("node-a", List.of(0))));
      }
      claimed += store.claimAll(window, Instant.now(), "scheduler", 0).size();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("claimAll, windows of %d: %,.0f jobs/s (%,d jobs in %.2f s), %.3f Redis commands per job%n",
        WINDOW, claimed / seconds, claimed, seconds, (commands(raw) - commands) / (double) claimed);
  }

  /** Calls counted, and the round trips among the Redis commands they caused (inner script calls apart). */
  private record Rate(double perSecond, long calls, long commands, Map<String, Long> roundTrips, double redisCpuMicros,
      double javaCpuMicros) {}

  private static void report(String what, Rate rate) {
    StringBuilder trips = new StringBuilder();
    rate.roundTrips().forEach((command, n) -> trips.append(String.format(" %s %.2f", command, n / (double) rate.calls())));
    System.out.printf("%s, %d threads: %,.0f /s (%,d in %d s); per call: CPU %.1f us in Redis, %.1f us in this JVM,"
            + " %.2f Redis commands, round trips:%s%n",
        what, THREADS, rate.perSecond(), rate.calls(), MEASURE.toSeconds(), rate.redisCpuMicros() / rate.calls(),
        rate.javaCpuMicros() / rate.calls(), rate.commands() / (double) rate.calls(), trips);
  }

  /** Calls {@code work} from {@link #THREADS} threads in a closed loop; counts the calls after a warm-up. */
  private static Rate rate(JedisPooled raw, Runnable work) throws InterruptedException {
    LongAdder calls = new LongAdder();
    AtomicBoolean counting = new AtomicBoolean();
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch done = new CountDownLatch(THREADS);
    for (int t = 0; t < THREADS; t++) {
      Thread thread = new Thread(() -> {
        try {
          while (!stop.get()) {
            work.run();
            if (counting.get()) {
              calls.increment();
            }
          }
        } finally {
          done.countDown();
        }
      });
      thread.setDaemon(true);
      thread.start();
    }
    Thread.sleep(WARM_UP.toMillis());
    long commandsBefore = commands(raw);
    Map<String, Long> tripsBefore = roundTrips(raw);
    double redisCpuBefore = redisCpuMicros(raw);
    long javaCpuBefore = javaCpuNanos();
    counting.set(true);
    long start = System.nanoTime();
    Thread.sleep(MEASURE.toMillis());
    counting.set(false);
    double seconds = (System.nanoTime() - start) / 1e9;
    long counted = calls.sum();
    double redisCpu = redisCpuMicros(raw) - redisCpuBefore;
    double javaCpu = (javaCpuNanos() - javaCpuBefore) / 1e3;
    long commands = commands(raw) - commandsBefore;
    Map<String, Long> trips = new TreeMap<>();
    roundTrips(raw).forEach((command, n) -> trips.put(command, n - tripsBefore.getOrDefault(command, 0L)));
    stop.set(true);
    done.await();
    return new Rate(counted / seconds, counted, commands, trips, redisCpu, javaCpu);
  }

  /** Calls of the commands a client sends (INFO commandstats), by name. */
  private static Map<String, Long> roundTrips(JedisPooled raw) {
    Map<String, Long> calls = new TreeMap<>();
    PersistenceCheck.parseInfo(raw.info("commandstats")).forEach((name, stats) -> {
      String command = name.replace("cmdstat_", "");
      if (Set.of("evalsha", "eval", "ping", "zcount").contains(command)) {
        calls.put(command, Long.parseLong(stats.replaceAll("^calls=(\\d+),.*$", "$1")));
      }
    });
    return calls;
  }

  private static double redisCpuMicros(JedisPooled raw) {
    Map<String, String> cpu = PersistenceCheck.parseInfo(raw.info("cpu"));
    return (Double.parseDouble(cpu.get("used_cpu_user")) + Double.parseDouble(cpu.get("used_cpu_sys"))) * 1e6;
  }

  private static long javaCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static long commands(JedisPooled raw) {
    return Long.parseLong(PersistenceCheck.parseInfo(raw.info("stats")).get("total_commands_processed"));
  }
}
