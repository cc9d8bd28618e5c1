package dev.berth.store.sqlite;

import dev.berth.api.IdentityStore;
import dev.berth.testkit.IdentityStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The IdentityStore contract over one SQLite file; the second store is a second instance on it. */
class SqliteIdentityStoreTest extends IdentityStoreContract {
  @TempDir Path dataDir;

  @Override
  protected IdentityStore createStore() {
    return SqliteTestFiles.open(dataDir);
  }

  @Override
  protected IdentityStore openSecondStoreOnSameStorage() {
    return SqliteTestFiles.open(dataDir);
  }
}
