package dev.berth.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.JobState;
import dev.berth.api.JobSubmission;
import dev.berth.testkit.RedisServerProcess;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Measures what one queued job costs in Redis at 100,000 queued jobs with typical parameters (a
 * Proto-GCN training job of one of 20 users), and holds it under 1 KB. Each enqueue call also
 * leaves a token that expires after {@link EnqueueTokens#ttl}; they are measured apart and removed
 * first, since they are a cost of the last seconds' submissions, not of the queue. The figures are
 * printed (target/surefire-reports/…RedisMemoryPerJobTest-output.txt) and quoted in docs/stores.md.
 */
class RedisMemoryPerJobTest {
  private static final int JOBS = 100_000;
  private static final int USERS = 20;
  private static final Instant T0 = Instant.parse("2026-03-01T09:00:00.123456Z");

  @TempDir Path dir;

  @Test
  void aQueuedJobTakesUnderOneKilobyte() throws Exception {
    try (RedisServerProcess redis = RedisServerProcess.start(dir.resolve("redis"), RedisServerProcess.Options.ephemeral());
        RedisQueueStore store = RedisTestStores.store(redis, dir, "berth:");
        JedisPooled raw = RedisTestStores.raw(redis)) {
      long before = usedMemory(raw);

      enqueueInParallel(store);

      long withTokens = usedMemory(raw);
      long tokens = removeEnqueueTokens(raw);
      long after = usedMemory(raw);
      assertThat(tokens).isEqualTo(JOBS);
      assertThat(store.countByState().get(JobState.QUEUED)).isEqualTo(JOBS);
      double perJob = (after - before) / (double) JOBS;
      double perToken = (withTokens - after) / (double) tokens;
      long hash = memoryUsage(raw, "berth:job:50000");
      long events = memoryUsage(raw, "berth:events:50000");
      double queue = memoryUsage(raw, "berth:queue") / (double) JOBS;
      double userIndexes = 0;
      for (int u = 0; u < USERS; u++) {
        userIndexes += memoryUsage(raw, "berth:user:user-" + u + ":QUEUED");
      }
      userIndexes /= JOBS;
      System.out.printf(
          "Redis memory per queued job at %,d jobs: %.0f bytes (INFO memory used_memory %,d -> %,d)%n"
              + "  MEMORY USAGE: job hash %d (encoding %s), event list %d, queue %.0f per job, user indexes %.0f"
              + " per job; change feed %d in all%n"
              + "  and, while they last, %.0f bytes per enqueue token (%,d of them)%n",
          JOBS, perJob, before, after, hash, raw.objectEncoding("berth:job:50000"), events, queue, userIndexes,
          memoryUsage(raw, "berth:changes"), perToken, tokens);
      assertThat(perJob).as("bytes per queued job").isLessThan(1024);
    }
  }

  private static void enqueueInParallel(RedisQueueStore store) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> parts = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        parts.add(pool.submit(() -> {
          for (int i = thread; i < JOBS; i += 4) {
            String user = "user-" + (i % USERS);
            store.enqueue(new JobSubmission("ntu60 xsub joint", user, "proto-gcn",
                Map.of("config-file", "configs/ntu60_xsub/j.py", "work-dir", "runs/" + user + "/j" + i), 1, 0),
                T0.plusMillis(i));
          }
        }));
      }
      for (Future<?> part : parts) {
        part.get(10, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Removes every enqueue token; returns how many there were. */
  private static long removeEnqueueTokens(JedisPooled raw) {
    long removed = 0;
    String cursor = ScanParams.SCAN_POINTER_START;
    do {
      ScanResult<String> page = raw.scan(cursor, new ScanParams().match("berth:enq:*").count(1000));
      if (!page.getResult().isEmpty()) {
        removed += raw.del(page.getResult().toArray(String[]::new));
      }
      cursor = page.getCursor();
    } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    return removed;
  }

  private static long usedMemory(JedisPooled raw) {
    return Long.parseLong(PersistenceCheck.parseInfo(raw.info("memory")).get("used_memory"));
  }

  private static long memoryUsage(JedisPooled raw, String key) {
    Object reply = raw.sendCommand(Protocol.Command.MEMORY, "USAGE", key, "SAMPLES", "0");
    return (Long) reply;
  }
}
