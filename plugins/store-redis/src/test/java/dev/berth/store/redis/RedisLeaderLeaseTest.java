package dev.berth.store.redis;

import dev.berth.api.LeaderLease;
import dev.berth.api.QueueStore;
import dev.berth.testkit.LeaderLeaseContract;
import dev.berth.testkit.RedisServerProcess;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The LeaderLease contract against a real redis-server; the fenced store is the Redis queue store on
 * the same prefix, whose claim script checks the lease's tokens.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisLeaderLeaseTest extends LeaderLeaseContract {
  private RedisServerProcess redis;
  private Path dataDir;
  private int tests;
  private String prefix;

  @BeforeAll
  void startRedis(@TempDir Path dir) {
    dataDir = dir.resolve("data");
    redis = RedisServerProcess.start(dir.resolve("redis"), new RedisServerProcess.Options(true, "everysec", null, List.of()));
  }

  @AfterAll
  void stopRedis() {
    redis.close();
  }

  @Override
  protected LeaderLease createLease() {
    prefix = "lease-" + ++tests + ":";
    return RedisTestStores.lease(redis, dataDir, prefix);
  }

  @Override
  protected LeaderLease openSecondLeaseOnSameStorage() {
    return RedisTestStores.lease(redis, dataDir, prefix);
  }

  @Override
  protected Optional<QueueStore> storeFencedByTheseLeases() {
    return Optional.of(RedisTestStores.store(redis, dataDir, prefix));
  }

  @Override
  protected Optional<AutoCloseable> makeStorageUnreachable() {
    redis.stop();
    return Optional.of(redis::restart);
  }
}
