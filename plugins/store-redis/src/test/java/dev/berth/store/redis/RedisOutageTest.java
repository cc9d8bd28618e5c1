package dev.berth.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.berth.api.AuditEntry;
import dev.berth.api.Claim;
import dev.berth.api.Job;
import dev.berth.api.JobQuery;
import dev.berth.api.JobState;
import dev.berth.api.JobSubmission;
import dev.berth.api.JobTransition;
import dev.berth.api.Placement;
import dev.berth.api.StoreUnavailableException;
import dev.berth.testkit.Await;
import dev.berth.testkit.RedisServerProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Protocol;

/**
 * While Redis is down or frozen every call fails fast with {@link StoreUnavailableException} (never
 * "not found", never a hang past the timeouts), and the same store instance answers again by itself
 * within 5 s of Redis coming back. The class timeout only guards against a hang.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RedisOutageTest {
  private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
  private static final Duration RECOVERY = Duration.ofSeconds(5);
  private static final Map<String, Object> SHORT_TIMEOUTS =
      Map.of("connectTimeoutMillis", 500, "socketTimeoutMillis", 500, "borrowTimeoutMillis", 500);

  @TempDir Path dir;

  @Test
  void whileRedisIsDownEveryCallIsUnavailableAndTheStoreRecoversWithinFiveSeconds() {
    try (RedisServerProcess redis = RedisServerProcess.start(dir.resolve("redis"), RedisServerProcess.Options.durable());
        RedisQueueStore store = RedisTestStores.store(redis, dir, "berth:", SHORT_TIMEOUTS)) {
      Job queued = store.enqueue(submission(), T0);
      Job running = store.claim(store.enqueue(submission(), T0).id(), new Placement("n", List.of(0)), T0, "s")
          .flatMap(j -> store.transition(j.id(), Set.of(JobState.SCHEDULED),
              JobTransition.to(JobState.RUNNING, T0, "executor", null)))
          .orElseThrow();
      store.putSettings("scheduler", Map.of("maxRunningJobs", "2"), 0);

      redis.kill9();

      for (ThrowingCallable call : List.<ThrowingCallable>of(
          () -> store.get(queued.id()),
          () -> store.events(queued.id()),
          () -> store.list(JobQuery.queued(10)),
          store::countByState,
          () -> store.countQueuedBefore(queued.id()),
          () -> store.settings("scheduler"),
          store::checkHealth,
          () -> store.enqueue(submission(), T0),
          () -> store.claim(queued.id(), new Placement("n", List.of()), T0, "s"),
          () -> store.claim(queued.id(), new Placement("n", List.of()), T0, "s", 7),
          () -> store.transition(running.id(), Set.of(JobState.RUNNING),
              JobTransition.to(JobState.COMPLETED, T0, "r", null)),
          () -> store.putSettings("scheduler", Map.of("maxRunningJobs", "3"), 1))) {
        assertThatThrownBy(call)
            .isInstanceOf(StoreUnavailableException.class)
            .hasMessageContaining("Redis at redis://127.0.0.1:" + redis.port());
      }

      redis.restart();

      assertThat(Await.until("the store to answer", RECOVERY, () -> store.get(queued.id()), answer -> true)).contains(queued);
      assertThat(store.get(running.id())).contains(running);
      assertThat(store.settings("scheduler").version()).isEqualTo(1);
      store.checkHealth();
    }
  }

  @Test
  void aFrozenRedisFailsCallsAfterTheSocketTimeoutInsteadOfHanging() {
    try (RedisServerProcess redis = RedisServerProcess.start(dir.resolve("redis"), RedisServerProcess.Options.durable());
        RedisQueueStore store = RedisTestStores.store(redis, dir, "berth:", SHORT_TIMEOUTS)) {
      Job job = store.enqueue(submission(), T0);

      redis.pause();
      try {
        assertThatThrownBy(() -> store.get(job.id())).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> store.enqueue(submission(), T0)).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(store::checkHealth).isInstanceOf(StoreUnavailableException.class);
      } finally {
        redis.resume();
      }

      assertThat(Await.until("the store to answer", RECOVERY, () -> store.get(job.id()), answer -> true)).contains(job);
    }
  }

  @Test
  void aStoreStartedWhileRedisIsDownIsUnavailableUntilRedisStarts() {
    try (RedisServerProcess redis = RedisServerProcess.start(dir.resolve("redis"), RedisServerProcess.Options.durable())) {
      redis.stop();
      try (RedisQueueStore store = RedisTestStores.store(redis, dir, "berth:", SHORT_TIMEOUTS)) {
        assertThatThrownBy(store::checkHealth).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> store.get("1")).isInstanceOf(StoreUnavailableException.class);

        redis.restart();

        Await.until("a health check", RECOVERY, () -> {
          store.checkHealth();
          return true;
        });
        assertThat(store.enqueue(submission(), T0).id()).isEqualTo("1");
      }
    }
  }

  @Test
  void afterARedisRestartTheNextEnqueueSucceedsAndAddsExactlyOneJob() {
    try (RedisServerProcess redis = RedisServerProcess.start(dir.resolve("redis"), RedisServerProcess.Options.durable());
        RedisQueueStore store = RedisTestStores.store(redis, dir, "berth:", SHORT_TIMEOUTS)) {
      store.enqueue(submission(), T0);

      redis.kill9();
      redis.restart();
      Job next = store.enqueue(submission(), T0);

      assertThat(next.id()).isEqualTo("2");
      assertThat(store.countByState()).containsEntry(JobState.QUEUED, 2L);
      assertThat(store.list(JobQuery.queued(10)).jobs()).extracting(Job::id).containsExactly("1", "2");
    }
  }

  /**
   * Without the idle test, each call here is the first on a connection that died with Redis, so it
   * is the repeat on a fresh connection that answers.
   */
  @Test
  void everyCallSafeToRepeatSucceedsOnAConnectionThatDiedInARestart() {
    try (RedisServerProcess redis = RedisServerProcess.start(dir.resolve("redis"), RedisServerProcess.Options.durable());
        RedisQueueStore store = RedisTestStores.storeWithoutIdleTests(redis, dir, "berth:", SHORT_TIMEOUTS)) {
      Job first = store.enqueue(submission(), T0);
      Job second = store.enqueue(submission(), T0);
      Job scheduled = store.claim(store.enqueue(submission(), T0).id(), new Placement("n", List.of(0)), T0, "s")
          .orElseThrow();
      store.putSettings("scheduler", Map.of("maxRunningJobs", "2"), 0);
      Map<String, Supplier<Object>> calls = new LinkedHashMap<>();
      calls.put("enqueue", () -> store.enqueue(submission(), T0).id());
      calls.put("get", () -> store.get(first.id()).orElseThrow().id());
      calls.put("list", () -> store.list(JobQuery.queued(10)).jobs().size());
      calls.put("countByState", () -> store.countByState().get(JobState.QUEUED));
      calls.put("countQueuedBefore", () -> store.countQueuedBefore(second.id()));
      calls.put("events", () -> store.events(first.id()).size());
      calls.put("settings", () -> store.settings("scheduler").version());
      calls.put("checkHealth", () -> {
        store.checkHealth();
        return "ok";
      });
      calls.put("claim", () -> store.claim(first.id(), new Placement("n", List.of(1)), T0, "s", 0).orElseThrow().id());
      calls.put("claimAll", () -> store.claimAll(List.of(new Claim(second.id(), new Placement("n", List.of(2)))), T0,
          "s", 0).size());
      calls.put("transition", () -> store.transition(scheduled.id(), Set.of(JobState.SCHEDULED),
          JobTransition.to(JobState.RUNNING, T0, "executor", null)).orElseThrow().state());
      calls.put("putSettings", () -> store.putSettings("scheduler", Map.of("maxRunningJobs", "3"), 1)
          .orElseThrow().version());

      Map<String, Object> answers = new LinkedHashMap<>();
      calls.forEach((name, call) -> {
        redis.kill9();
        redis.restart();
        answers.put(name, call.get());
      });

      assertThat(answers).containsExactly(
          entry("enqueue", "4"), entry("get", first.id()), entry("list", 3), entry("countByState", 3L),
          entry("countQueuedBefore", 1L), entry("events", 1), entry("settings", 1L),
          entry("checkHealth", "ok"), entry("claim", first.id()), entry("claimAll", 1),
          entry("transition", JobState.RUNNING), entry("putSettings", 2L));
      assertThat(store.countByState()).containsEntry(JobState.QUEUED, 1L).containsEntry(JobState.SCHEDULED, 2L)
          .containsEntry(JobState.RUNNING, 1L);
    }
  }

  /** An append is not safe to send twice, so it fails; the dead connection is gone for the next call. */
  @Test
  void aCallNotSafeToRepeatFailsOnADeadConnectionAndTheNextCallSucceeds() {
    try (RedisServerProcess redis = RedisServerProcess.start(dir.resolve("redis"), RedisServerProcess.Options.durable());
        RedisQueueStore store = RedisTestStores.storeWithoutIdleTests(redis, dir, "berth:", SHORT_TIMEOUTS)) {
      AuditEntry entry = new AuditEntry(T0, "admin", "settings.put", "scheduler", "maxRunningJobs=2");
      store.appendAudit(entry);

      redis.kill9();
      redis.restart();

      assertThatThrownBy(() -> store.appendAudit(entry)).isInstanceOf(StoreUnavailableException.class);
      store.appendAudit(entry);
      assertThat(store.audit(10)).hasSize(2);
    }
  }

  /** With the idle test on, a connection that died while idle is replaced before anyone uses it. */
  @Test
  void anIdleConnectionThatDiedIsReplacedInTheBackground() {
    try (RedisServerProcess redis = RedisServerProcess.start(dir.resolve("redis"), RedisServerProcess.Options.durable());
        RedisQueueStore store = RedisTestStores.store(redis, dir, "berth:", SHORT_TIMEOUTS)) {
      AuditEntry entry = new AuditEntry(T0, "admin", "settings.put", "scheduler", "maxRunningJobs=2");
      store.appendAudit(entry);

      redis.kill9();
      redis.restart();

      try (JedisPooled raw = RedisTestStores.raw(redis)) {
        Await.until("the pool to reconnect its idle connection", Duration.ofSeconds(30),
            () -> clients(raw).contains("name=berth "));
      }
      store.appendAudit(entry);
      assertThat(store.audit(10)).hasSize(2);
    }
  }

  @Test
  void aClosedStoreIsUnavailable() {
    try (RedisServerProcess redis = RedisServerProcess.start(dir.resolve("redis"), RedisServerProcess.Options.ephemeral())) {
      RedisQueueStore store = RedisTestStores.store(redis, dir, "berth:");
      Job job = store.enqueue(submission(), T0);
      store.close();
      store.close();

      assertThatThrownBy(() -> store.get(job.id())).isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining("closed");
      assertThatThrownBy(store::checkHealth).isInstanceOf(StoreUnavailableException.class);
    }
  }

  private static String clients(JedisPooled raw) {
    return new String((byte[]) raw.sendCommand(Protocol.Command.CLIENT, "LIST"), StandardCharsets.UTF_8);
  }

  private static JobSubmission submission() {
    return new JobSubmission("j", "ann", "demo", Map.of("seconds", "1"), 0, 0);
  }
}
