package dev.berth.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.Job;
import dev.berth.api.JobSubmission;
import dev.berth.api.StoreUnavailableException;
import dev.berth.testkit.RedisServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Protocol;

/**
 * A Redis that wants a password: from a file, from the environment, for an ACL user whose rights
 * end at Berth's key prefix; a wrong password is "unavailable" and never shows in a message.
 */
class RedisAuthTest {
  private static final String PASSWORD = "s3cret-Pa55";
  private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

  @TempDir Path dir;
  private RedisServerProcess redis;

  @BeforeEach
  void startRedisWithAPassword() {
    redis = RedisServerProcess.start(dir.resolve("redis"), RedisServerProcess.Options.durable().withPassword(PASSWORD));
  }

  @AfterEach
  void stopRedis() {
    redis.close();
  }

  @Test
  void thePasswordComesFromAFile() throws Exception {
    Path file = Files.writeString(dir.resolve("redis-password"), PASSWORD + "\n");

    try (RedisQueueStore store = open(Map.of("passwordFile", file.toString()), Map.of())) {
      roundTrip(store);
    }
  }

  @Test
  void thePasswordComesFromTheEnvironment() {
    try (RedisQueueStore store = open(Map.of(), Map.of("BERTH_STORE_REDIS_PASSWORD", PASSWORD))) {
      roundTrip(store);
    }
  }

  @Test
  void anAclUserLimitedToThePrefixIsEnough() {
    try (JedisPooled admin = new JedisPooled("127.0.0.1", redis.port(), null, PASSWORD)) {
      // Every key under berth:, every command but the admin ones (so CONFIG GET is refused too).
      admin.sendCommand(Protocol.Command.ACL,
          "SETUSER", "berth", "on", ">user-pass", "resetkeys", "~berth:*", "resetchannels", "+@all", "-@admin");
    }
    Map<String, Object> config = Map.of("url", "redis://berth@127.0.0.1:" + redis.port());

    try (RedisQueueStore store = open(config, Map.of("BERTH_STORE_REDIS_PASSWORD", "user-pass"));
        RedisLeaderLease lease = new RedisLeaderLease(
            RedisTestStores.context(dir, merged(config)), Map.of("BERTH_STORE_REDIS_PASSWORD", "user-pass")::get)) {
      roundTrip(store);
      store.putSettings("scheduler", Map.of("maxRunningJobs", "2"), 0);
      assertThat(store.settings("scheduler").version()).isEqualTo(1);
      assertThat(lease.tryAcquire("berth-a", java.time.Duration.ofMinutes(1))).isPresent();
    }
  }

  @Test
  void aWrongPasswordIsUnavailableAndNeverShown() {
    try (RedisQueueStore store = open(Map.of(), Map.of("BERTH_STORE_REDIS_PASSWORD", "wrong-Pa55"))) {
      assertThatThrownBy(store::checkHealth)
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageNotContaining("wrong-Pa55");
      assertThatThrownBy(() -> store.enqueue(submission(), T0))
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageNotContaining("wrong-Pa55");
    }
  }

  @Test
  void noPasswordIsUnavailable() {
    try (RedisQueueStore store = open(Map.of(), Map.of())) {
      assertThatThrownBy(store::checkHealth).isInstanceOf(StoreUnavailableException.class);
    }
  }

  private RedisQueueStore open(Map<String, Object> config, Map<String, String> env) {
    return new RedisQueueStore(RedisTestStores.context(dir, merged(config)), env::get);
  }

  private Map<String, Object> merged(Map<String, Object> config) {
    Map<String, Object> all = new HashMap<>(RedisTestStores.config(redis, "berth:", Map.of()));
    all.putAll(config);
    return all;
  }

  private static void roundTrip(RedisQueueStore store) {
    store.checkHealth();
    Job job = store.enqueue(submission(), T0);
    assertThat(store.get(job.id())).contains(job);
  }

  private static JobSubmission submission() {
    return new JobSubmission("j", "ann", "demo", Map.of("seconds", "1"), 0, 0);
  }
}
