package dev.berth.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.StoreUnavailableException;
import dev.berth.testkit.Await;
import dev.berth.testkit.RedisServerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store reads the server's persistence and eviction settings at start: with {@code
 * requirePersistence} it refuses unsafe ones, otherwise it only warns.
 */
class PersistenceCheckTest {
  @TempDir Path dir;

  @Test
  void aofWithFsyncAndNoEvictionIsSafe() {
    RedisDurability always = new RedisDurability(true, "always", "noeviction", "");
    RedisDurability everysec = new RedisDurability(true, "everysec", "noeviction", "");

    assertThat(always.violations()).isEmpty();
    assertThat(always.notes()).isEmpty();
    assertThat(everysec.violations()).isEmpty();
    assertThat(everysec.notes()).singleElement().asString().contains("1-2 s");
  }

  @Test
  void noAofNoFsyncOrAnEvictingPolicyAreViolations() {
    assertThat(new RedisDurability(false, "everysec", "noeviction", "").violations())
        .singleElement().asString().contains("persistence is OFF").contains("empties the queue");
    assertThat(new RedisDurability(false, "everysec", "noeviction", "3600 1").violations())
        .singleElement().asString().contains("since the last RDB snapshot");
    assertThat(new RedisDurability(true, "no", "noeviction", "").violations())
        .singleElement().asString().contains("appendfsync is 'no'");
    assertThat(new RedisDurability(true, "always", "allkeys-lru", "").violations())
        .singleElement().asString().contains("maxmemory-policy is 'allkeys-lru'");
    assertThat(new RedisDurability(true, null, null, null).notes())
        .singleElement().asString().contains("could not be read");
  }

  @Test
  void theSettingsAreReadFromARealServer() {
    try (RedisServerProcess redis = RedisServerProcess.start(dir.resolve("redis"),
            RedisServerProcess.Options.durable().withArguments("--maxmemory-policy", "volatile-lru"));
        var raw = RedisTestStores.raw(redis)) {
      RedisDurability read = PersistenceCheck.inspect(raw);

      assertThat(read).isEqualTo(new RedisDurability(true, "always", "volatile-lru", ""));
    }
  }

  @Test
  void requirePersistenceRefusesToStartOnARedisWithoutAof() {
    try (RedisServerProcess redis = RedisServerProcess.start(dir.resolve("redis"), RedisServerProcess.Options.ephemeral())) {
      assertThatThrownBy(() -> RedisTestStores.store(redis, dir, "berth:", Map.of("requirePersistence", true)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("requirePersistence")
          .hasMessageContaining("appendonly yes");

      try (RedisQueueStore lenient = RedisTestStores.store(redis, dir, "berth:")) {
        lenient.checkHealth();
      }
    }
  }

  @Test
  void requirePersistenceKeepsAStoreThatStartedBeforeRedisUnreadyOnUnsafeSettings() {
    try (RedisServerProcess redis = RedisServerProcess.start(dir.resolve("redis"), RedisServerProcess.Options.ephemeral())) {
      redis.stop();
      try (RedisQueueStore store = RedisTestStores.store(redis, dir, "berth:", Map.of("requirePersistence", true))) {
        redis.restart();

        assertThatThrownBy(store::checkHealth)
            .isInstanceOf(StoreUnavailableException.class)
            .hasMessageContaining("appendonly yes");
      }
    }
  }

  @Test
  void requirePersistenceAcceptsADurableRedis() {
    try (RedisServerProcess redis = RedisServerProcess.start(dir.resolve("redis"), RedisServerProcess.Options.durable());
        RedisQueueStore store = RedisTestStores.store(redis, dir, "berth:", Map.of("requirePersistence", true))) {
      Await.until("a health check", Duration.ofSeconds(5), () -> {
        store.checkHealth();
        return true;
      });
    }
  }
}
