package dev.berth.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PRAGMAs that durability and sharing rest on are in effect on the store's connections. */
class SqliteConnectionSettingsTest {
  @TempDir Path dataDir;

  @Test
  void storeConnectionsUseWalFullSyncForeignKeysAndTheConfiguredBusyTimeout() throws Exception {
    SqliteStoreConfig config =
        SqliteStoreConfig.from(
            SqliteTestFiles.context(dataDir, Map.of(SqliteStoreConfig.BUSY_TIMEOUT_MILLIS, 1234)));

    try (Connection connection = new ConnectionFactory(config).open()) {
      assertThat(SqliteTestFiles.queryString(connection, "PRAGMA journal_mode")).isEqualTo("wal");
      assertThat(SqliteTestFiles.queryString(connection, "PRAGMA synchronous"))
          .as("2 is FULL")
          .isEqualTo("2");
      assertThat(SqliteTestFiles.queryString(connection, "PRAGMA foreign_keys")).isEqualTo("1");
      assertThat(SqliteTestFiles.queryString(connection, "PRAGMA busy_timeout")).isEqualTo("1234");
    }
  }

  @Test
  void synchronousNormalCanBeChosenAndAnythingElseIsRefused() throws Exception {
    SqliteStoreConfig normal =
        SqliteStoreConfig.from(SqliteTestFiles.context(dataDir, Map.of(SqliteStoreConfig.SYNCHRONOUS, "normal")));
    try (Connection connection = new ConnectionFactory(normal).open()) {
      assertThat(SqliteTestFiles.queryString(connection, "PRAGMA synchronous")).as("1 is NORMAL").isEqualTo("1");
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SqliteStoreConfig.from(
            SqliteTestFiles.context(dataDir, Map.of(SqliteStoreConfig.SYNCHRONOUS, "OFF; DROP TABLE jobs"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("synchronous must be one of [FULL, NORMAL]");
  }

  @Test
  void theFileTheStoreCreatedIsInWalMode() throws Exception {
    Path file = SqliteTestFiles.databaseFile(dataDir);
    try (SqliteQueueStore store = SqliteTestFiles.open(dataDir);
        Connection raw = SqliteTestFiles.rawConnection(file)) {
      assertThat(SqliteTestFiles.queryString(raw, "PRAGMA journal_mode"))
          .as("WAL is a property of the file, seen by every connection")
          .isEqualTo("wal");
      assertThat(Files.exists(Path.of(file + "-wal"))).isTrue();
    }
  }

  @Test
  void foreignKeysAreEnforced() throws Exception {
    SqliteStoreConfig config = SqliteStoreConfig.from(SqliteTestFiles.context(dataDir, Map.of()));
    try (SqliteQueueStore store = SqliteTestFiles.open(dataDir);
        Connection connection = new ConnectionFactory(config).open()) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () ->
                  SqliteTestFiles.execute(
                      connection,
                      "INSERT INTO job_events (job_id, sequence, at, to_state, actor)"
                          + " VALUES (999, 1, '2026-01-01T00:00:00Z', 'QUEUED', 'x')"))
          .hasMessageContaining("FOREIGN KEY");
    }
  }
}
