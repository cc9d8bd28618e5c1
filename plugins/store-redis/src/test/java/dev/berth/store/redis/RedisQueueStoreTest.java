package dev.berth.store.redis;

import dev.berth.api.QueueStore;
import dev.berth.testkit.QueueStoreContract;
import dev.berth.testkit.QueueStoreOutage;
import java.util.Optional;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The QueueStore contract against a real redis-server started for this class. Each test gets fresh
 * storage under its own key prefix; the second store is a second instance (its own pool) on that
 * prefix, as a second Berth process would be. The claim race runs over 10,000 jobs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisQueueStoreTest extends QueueStoreContract {
  @RegisterExtension final SharedRedis shared = new SharedRedis("contract-");

  @Override
  protected QueueStore createStore() {
    shared.nextPrefix();
    return shared.store();
  }

  @Override
  protected QueueStore openSecondStoreOnSameStorage() {
    return shared.store();
  }

  @Override
  protected int claimRaceJobCount() {
    return 10_000;
  }

  /** A store opened while Redis ran, then redis-server stopped; closing starts it again. */
  @Override
  protected Optional<QueueStoreOutage> makeStorageUnreachable() {
    RedisQueueStore cut = shared.store();
    shared.server().stop();
    return Optional.of(new QueueStoreOutage() {
      @Override
      public QueueStore store() {
        return cut;
      }

      @Override
      public void close() {
        try {
          shared.server().restart();
        } finally {
          cut.close();
        }
      }
    });
  }
}
