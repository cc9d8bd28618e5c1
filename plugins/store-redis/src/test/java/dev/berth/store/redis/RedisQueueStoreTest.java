package dev.berth.store.redis;

import dev.berth.api.QueueStore;
import dev.berth.testkit.QueueStoreContract;
import dev.berth.testkit.QueueStoreOutage;
import dev.berth.testkit.RedisServerProcess;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The QueueStore contract against a real redis-server started for this class. Each test gets fresh
 * storage under its own key prefix; the second store is a second instance (its own pool) on that
 * prefix, as a second Berth process would be. The claim race runs over 10,000 jobs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisQueueStoreTest extends QueueStoreContract {
  private RedisServerProcess redis;
  private Path dataDir;
  private int tests;
  private String prefix;

  @BeforeAll
  void startRedis(@TempDir Path dir) {
    dataDir = dir.resolve("data");
    // AOF with a graceful stop keeps the data over the outage test's restart.
    redis = RedisServerProcess.start(dir.resolve("redis"), new RedisServerProcess.Options(true, "everysec", null, List.of()));
  }

  @AfterAll
  void stopRedis() {
    redis.close();
  }

  @Override
  protected QueueStore createStore() {
    prefix = "contract-" + ++tests + ":";
    return RedisTestStores.store(redis, dataDir, prefix);
  }

  @Override
  protected QueueStore openSecondStoreOnSameStorage() {
    return RedisTestStores.store(redis, dataDir, prefix);
  }

  @Override
  protected int claimRaceJobCount() {
    return 10_000;
  }

  /** A store opened while Redis ran, then redis-server stopped; closing starts it again. */
  @Override
  protected Optional<QueueStoreOutage> makeStorageUnreachable() {
    RedisQueueStore cut = RedisTestStores.store(redis, dataDir, prefix);
    redis.stop();
    return Optional.of(new QueueStoreOutage() {
      @Override
      public QueueStore store() {
        return cut;
      }

      @Override
      public void close() {
        try {
          redis.restart();
        } finally {
          cut.close();
        }
      }
    });
  }
}
