package dev.berth.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.Job;
import dev.berth.api.JobSubmission;
import dev.berth.api.StoreUnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** "Could not ask" is a {@link StoreUnavailableException}, never an empty answer. */
class SqliteFailureTest {
  @TempDir Path dataDir;

  @Test
  void aLockHeldPastTheBusyTimeoutFailsWritesButNotReads() throws Exception {
    try (SqliteQueueStore store =
            SqliteTestFiles.open(dataDir, Map.of(SqliteStoreConfig.BUSY_TIMEOUT_MILLIS, 100));
        Connection holder = SqliteTestFiles.rawConnection(SqliteTestFiles.databaseFile(dataDir))) {
      Job job = store.enqueue(submission(), Instant.EPOCH);
      SqliteTestFiles.execute(holder, "BEGIN EXCLUSIVE");

      assertThatThrownBy(() -> store.enqueue(submission(), Instant.EPOCH))
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining(SqliteTestFiles.databaseFile(dataDir).toString());
      assertThat(store.get(job.id())).as("WAL readers do not wait for the writer").contains(job);
      store.checkHealth();

      SqliteTestFiles.execute(holder, "ROLLBACK");
      assertThat(store.enqueue(submission(), Instant.EPOCH).sequence())
          .isGreaterThan(job.sequence());
    }
  }

  @Test
  void aClosedStoreIsUnavailable() {
    SqliteQueueStore store = SqliteTestFiles.open(dataDir);
    Job job = store.enqueue(submission(), Instant.EPOCH);
    store.close();
    store.close();

    assertThatThrownBy(() -> store.get(job.id())).isInstanceOf(StoreUnavailableException.class);
    assertThatThrownBy(() -> store.enqueue(submission(), Instant.EPOCH))
        .isInstanceOf(StoreUnavailableException.class);
    assertThatThrownBy(store::checkHealth).isInstanceOf(StoreUnavailableException.class);
  }

  @Test
  void aDeletedDatabaseFileFailsTheHealthCheck() throws Exception {
    try (SqliteQueueStore store = SqliteTestFiles.open(dataDir)) {
      store.checkHealth();
      Files.delete(SqliteTestFiles.databaseFile(dataDir));

      assertThatThrownBy(store::checkHealth)
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining("gone");
    }
  }

  @Test
  void onlyBrokenConstraintsAndMisuseAreBugsEverythingElseIsUnavailable() {
    Path file = SqliteTestFiles.databaseFile(dataDir);

    assertThat(translate(file, SQLiteErrorCode.SQLITE_BUSY))
        .isInstanceOf(StoreUnavailableException.class);
    assertThat(translate(file, SQLiteErrorCode.SQLITE_IOERR_FSYNC))
        .isInstanceOf(StoreUnavailableException.class);
    assertThat(translate(file, SQLiteErrorCode.SQLITE_FULL))
        .isInstanceOf(StoreUnavailableException.class);
    assertThat(translate(file, SQLiteErrorCode.SQLITE_CORRUPT))
        .isInstanceOf(StoreUnavailableException.class);
    assertThat(translate(file, SQLiteErrorCode.SQLITE_CANTOPEN))
        .isInstanceOf(StoreUnavailableException.class);
    assertThat(SqliteFailures.translate("x", file, new SQLException("database connection closed")))
        .isInstanceOf(StoreUnavailableException.class);
    assertThat(translate(file, SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY))
        .isInstanceOf(IllegalStateException.class);
    assertThat(translate(file, SQLiteErrorCode.SQLITE_MISUSE))
        .isInstanceOf(IllegalStateException.class);
  }

  private static RuntimeException translate(Path file, SQLiteErrorCode code) {
    return SqliteFailures.translate("test", file, new SQLiteException(code.message, code));
  }

  private static JobSubmission submission() {
    return new JobSubmission("j", "ann", "demo", Map.of(), 1, 0);
  }
}
