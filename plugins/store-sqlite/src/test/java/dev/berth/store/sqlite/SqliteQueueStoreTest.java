package dev.berth.store.sqlite;

import dev.berth.api.QueueStore;
import dev.berth.testkit.QueueStoreContract;
import dev.berth.testkit.QueueStoreOutage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;

/** The QueueStore contract over one SQLite file; the second store is a second instance on it. */
class SqliteQueueStoreTest extends QueueStoreContract {
  @TempDir Path dataDir;

  @Override
  protected QueueStore createStore() {
    return SqliteTestFiles.open(dataDir);
  }

  @Override
  protected QueueStore openSecondStoreOnSameStorage() {
    return SqliteTestFiles.open(dataDir);
  }

  /** Another connection holds the write lock far longer than the cut store's busy timeout. */
  @Override
  protected Optional<QueueStoreOutage> makeStorageUnreachable() {
    SqliteQueueStore cut =
        SqliteTestFiles.open(dataDir, Map.of(SqliteStoreConfig.BUSY_TIMEOUT_MILLIS, 200));
    try {
      Connection holder = SqliteTestFiles.rawConnection(SqliteTestFiles.databaseFile(dataDir));
      SqliteTestFiles.execute(holder, "BEGIN EXCLUSIVE");
      return Optional.of(new LockedFile(cut, holder));
    } catch (SQLException e) {
      cut.close();
      throw new IllegalStateException("could not lock the database file", e);
    }
  }

  private record LockedFile(SqliteQueueStore store, Connection holder) implements QueueStoreOutage {
    @Override
    public void close() {
      try (holder) {
        SqliteTestFiles.execute(holder, "ROLLBACK");
      } catch (SQLException e) {
        throw new IllegalStateException("could not release the lock on the database file", e);
      } finally {
        store.close();
      }
    }
  }
}
