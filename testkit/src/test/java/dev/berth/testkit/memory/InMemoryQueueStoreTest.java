package dev.berth.testkit.memory;

import dev.berth.api.QueueStore;
import dev.berth.testkit.QueueStoreContract;
import dev.berth.testkit.QueueStoreOutage;
import java.util.Optional;

/** The QueueStore contract; the second store is another instance over the same storage. */
class InMemoryQueueStoreTest extends QueueStoreContract {
  private InMemoryStorage storage;

  @Override
  protected QueueStore createStore() {
    storage = new InMemoryStorage();
    return new InMemoryQueueStore(storage);
  }

  @Override
  protected QueueStore openSecondStoreOnSameStorage() {
    return new InMemoryQueueStore(storage);
  }

  @Override
  protected int claimRaceJobCount() {
    return 10_000;
  }

  /** Another instance, cut off from the storage as a partitioned process would be. */
  @Override
  protected Optional<QueueStoreOutage> makeStorageUnreachable() {
    InMemoryQueueStore cut = new InMemoryQueueStore(storage);
    cut.disconnect();
    return Optional.of(new QueueStoreOutage() {
      @Override
      public QueueStore store() {
        return cut;
      }

      @Override
      public void close() {
        cut.reconnect();
      }
    });
  }
}
