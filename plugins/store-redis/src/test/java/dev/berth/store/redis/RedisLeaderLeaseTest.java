package dev.berth.store.redis;

import dev.berth.api.LeaderLease;
import dev.berth.api.QueueStore;
import dev.berth.testkit.LeaderLeaseContract;
import java.util.Optional;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The LeaderLease contract against a real redis-server; the fenced store is the Redis queue store on
 * the same prefix, whose claim script checks the lease's tokens.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisLeaderLeaseTest extends LeaderLeaseContract {
  @RegisterExtension final SharedRedis shared = new SharedRedis("lease-");

  @Override
  protected LeaderLease createLease() {
    shared.nextPrefix();
    return shared.lease();
  }

  @Override
  protected LeaderLease openSecondLeaseOnSameStorage() {
    return shared.lease();
  }

  @Override
  protected Optional<QueueStore> storeFencedByTheseLeases() {
    return Optional.of(shared.store());
  }

  @Override
  protected Optional<AutoCloseable> makeStorageUnreachable() {
    shared.server().stop();
    return Optional.of(shared.server()::restart);
  }
}
