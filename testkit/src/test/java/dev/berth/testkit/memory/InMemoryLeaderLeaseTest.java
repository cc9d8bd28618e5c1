package dev.berth.testkit.memory;

import dev.berth.api.LeaderLease;
import dev.berth.api.QueueStore;
import dev.berth.testkit.LeaderLeaseContract;
import java.time.Clock;
import java.util.Optional;

/**
 * The LeaderLease contract on the system clock (the contract lets leases lapse in real time); the
 * fenced store is an in-memory store over the same storage.
 */
class InMemoryLeaderLeaseTest extends LeaderLeaseContract {
  private InMemoryStorage storage;

  @Override
  protected LeaderLease createLease() {
    storage = new InMemoryStorage();
    return new InMemoryLeaderLease(storage, Clock.systemUTC());
  }

  @Override
  protected LeaderLease openSecondLeaseOnSameStorage() {
    return new InMemoryLeaderLease(storage, Clock.systemUTC());
  }

  @Override
  protected Optional<QueueStore> storeFencedByTheseLeases() {
    return Optional.of(new InMemoryQueueStore(storage));
  }

  @Override
  protected Optional<AutoCloseable> makeStorageUnreachable() {
    InMemoryLeaderLease cut = (InMemoryLeaderLease) lease;
    cut.disconnect();
    return Optional.of(cut::reconnect);
  }
}
