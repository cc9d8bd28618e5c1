package dev.berth.store.redis;

import dev.berth.api.IdentityStore;
import dev.berth.testkit.IdentityStoreContract;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The IdentityStore contract against a real redis-server started for this class; each test gets
 * fresh storage under its own key prefix, and the second store is a second instance on it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisIdentityStoreTest extends IdentityStoreContract {
  @RegisterExtension final SharedRedis shared = new SharedRedis("identity-");

  @Override
  protected IdentityStore createStore() {
    shared.nextPrefix();
    return shared.store();
  }

  @Override
  protected IdentityStore openSecondStoreOnSameStorage() {
    return shared.store();
  }
}
