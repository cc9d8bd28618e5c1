package dev.berth.store.redis;

import dev.berth.api.IdentityStore;
import dev.berth.testkit.IdentityStoreContract;
import dev.berth.testkit.RedisServerProcess;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The IdentityStore contract against a real redis-server started for this class; each test gets
 * fresh storage under its own key prefix, and the second store is a second instance on it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisIdentityStoreTest extends IdentityStoreContract {
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
  protected IdentityStore createStore() {
    prefix = "identity-" + ++tests + ":";
    return RedisTestStores.store(redis, dataDir, prefix);
  }

  @Override
  protected IdentityStore openSecondStoreOnSameStorage() {
    return RedisTestStores.store(redis, dataDir, prefix);
  }
}
