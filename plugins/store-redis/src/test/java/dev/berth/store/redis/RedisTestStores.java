package dev.berth.store.redis;

import dev.berth.testkit.RedisServerProcess;
import dev.berth.testkit.TestPluginContext;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import redis.clients.jedis.JedisPooled;

/** Opens stores, leases and raw clients against a test's own redis-server. */
final class RedisTestStores {
  private RedisTestStores() {}

  static TestPluginContext context(Path dataDir, Map<String, Object> config) {
    return new TestPluginContext("redis", config, Clock.systemUTC(), dataDir);
  }

  static Map<String, Object> config(RedisServerProcess redis, String prefix, Map<String, Object> more) {
    Map<String, Object> config = new HashMap<>();
    config.put(RedisStoreConfig.URL, redis.url());
    config.put(RedisStoreConfig.PREFIX, prefix);
    config.putAll(more);
    return config;
  }

  static RedisQueueStore store(RedisServerProcess redis, Path dataDir, String prefix) {
    return store(redis, dataDir, prefix, Map.of());
  }

  static RedisQueueStore store(RedisServerProcess redis, Path dataDir, String prefix, Map<String, Object> more) {
    return new RedisQueueStore(context(dataDir, config(redis, prefix, more)), name -> null);
  }

  /** A store whose pool never tests idle connections, so a connection Redis closed stays in it until used. */
  static RedisQueueStore storeWithoutIdleTests(RedisServerProcess redis, Path dataDir, String prefix,
      Map<String, Object> more) {
    return new RedisQueueStore(context(dataDir, config(redis, prefix, more)), name -> null, Duration.ZERO);
  }

  static RedisLeaderLease lease(RedisServerProcess redis, Path dataDir, String prefix) {
    return new RedisLeaderLease(context(dataDir, config(redis, prefix, Map.of())), name -> null);
  }

  /** A plain client for looking at what the store wrote. */
  static JedisPooled raw(RedisServerProcess redis) {
    return new JedisPooled("127.0.0.1", redis.port());
  }
}
