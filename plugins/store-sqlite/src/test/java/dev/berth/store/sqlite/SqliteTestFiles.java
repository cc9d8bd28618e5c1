package dev.berth.store.sqlite;

import dev.berth.testkit.SettableClock;
import dev.berth.testkit.TestPluginContext;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.sqlite.SQLiteDataSource;

/** Opens stores and plain connections on database files under a test's temporary directory. */
final class SqliteTestFiles {
  /** Generous, so that a busy build machine never turns lock waits into failures. */
  static final int PATIENT_BUSY_TIMEOUT_MILLIS = 60_000;

  private SqliteTestFiles() {}

  static TestPluginContext context(Path dataDir, Map<String, Object> config) {
    return new TestPluginContext("sqlite", config, new SettableClock(), dataDir);
  }

  /** A store on {@code <dataDir>/berth.db} that waits patiently for locks. */
  static SqliteQueueStore open(Path dataDir) {
    return open(dataDir, Map.of());
  }

  /** A store on {@code <dataDir>/berth.db} with {@code config} over the patient defaults. */
  static SqliteQueueStore open(Path dataDir, Map<String, Object> config) {
    Map<String, Object> all = new HashMap<>();
    all.put(SqliteStoreConfig.BUSY_TIMEOUT_MILLIS, PATIENT_BUSY_TIMEOUT_MILLIS);
    all.putAll(config);
    return new SqliteQueueStore(context(dataDir, all));
  }

  static Path databaseFile(Path dataDir) {
    return dataDir.resolve(SqliteStoreConfig.DEFAULT_FILE_NAME);
  }

  /** A connection that bypasses the store, to look at or tamper with the file as an admin would. */
  static Connection rawConnection(Path file) throws SQLException {
    SQLiteDataSource dataSource = new SQLiteDataSource();
    dataSource.setUrl("jdbc:sqlite:" + file);
    dataSource.setBusyTimeout(PATIENT_BUSY_TIMEOUT_MILLIS);
    return dataSource.getConnection();
  }

  static String queryString(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      return rows.next() ? rows.getString(1) : null;
    }
  }

  static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
