package dev.berth.testkit.memory;

import dev.berth.api.IdentityStore;
import dev.berth.testkit.IdentityStoreContract;

/** The IdentityStore contract; the second store is another instance over the same storage. */
class InMemoryIdentityStoreTest extends IdentityStoreContract {
  private InMemoryStorage storage;

  @Override
  protected IdentityStore createStore() {
    storage = new InMemoryStorage();
    return new InMemoryQueueStore(storage);
  }

  @Override
  protected IdentityStore openSecondStoreOnSameStorage() {
    return new InMemoryQueueStore(storage);
  }
}
