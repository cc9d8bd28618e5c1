package dev.berth.store.sqlite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Opens connections to the database file with the settings durability and sharing depend on: WAL
 * (readers never block the writer, and several processes can share the file), synchronous=FULL by
 * default (a commit is on disk when it returns; NORMAL if configured, see {@link
 * SqliteStoreConfig#SYNCHRONOUS_MODES}), a busy timeout, and foreign keys.
 *
 * <p>The driver is used directly: {@code DriverManager} ignores drivers loaded by a plugin class
 * loader.
 */
final class ConnectionFactory {
  private final SQLiteDataSource dataSource;
  private final String synchronous;
  private final long busyTimeoutMillis;

  ConnectionFactory(SqliteStoreConfig config) {
    this.synchronous = config.synchronous();
    this.busyTimeoutMillis = config.busyTimeoutMillis();
    SQLiteConfig sqlite = new SQLiteConfig();
    sqlite.setBusyTimeout(config.busyTimeoutMillis());
    this.dataSource = new SQLiteDataSource(sqlite);
    dataSource.setUrl("jdbc:sqlite:" + config.file());
  }

  /**
   * A new connection in WAL mode. Switching a new file to WAL takes an exclusive lock, and SQLite
   * answers SQLITE_BUSY at once, without its busy handler, while another process holds the file (two
   * Berth processes creating one database together): such an open is tried again until the busy
   * timeout has passed, as any other locked write would wait.
   */
  Connection open() throws SQLException {
    long deadline = System.nanoTime() + busyTimeoutMillis * 1_000_000L;
    while (true) {
      try {
        return openOnce();
      } catch (SQLException e) {
        if (!isBusy(e) || System.nanoTime() > deadline) {
          throw e;
        }
        try {
          Thread.sleep(20);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private static boolean isBusy(SQLException e) {
    return e.getErrorCode() == 5 || String.valueOf(e.getMessage()).contains("SQLITE_BUSY");
  }

  private Connection openOnce() throws SQLException {
    Connection connection = dataSource.getConnection();
    try (Statement statement = connection.createStatement()) {
      // journal_mode answers with the mode in force; a file system without shared memory refuses
      // WAL.
      try (ResultSet mode = statement.executeQuery("PRAGMA journal_mode = WAL")) {
        String actual = mode.next() ? mode.getString(1) : null;
        if (!"wal".equalsIgnoreCase(actual)) {
          throw new SQLException(
              "the database refused WAL journal mode (it is in " + actual + " mode)");
        }
      }
      statement.execute("PRAGMA synchronous = " + synchronous); // one of SYNCHRONOUS_MODES
      statement.execute("PRAGMA foreign_keys = ON");
      return connection;
    } catch (SQLException e) {
      closeQuietly(connection, e);
      throw e;
    }
  }

  private static void closeQuietly(Connection connection, SQLException cause) {
    try {
      connection.close();
    } catch (SQLException suppressed) {
      cause.addSuppressed(suppressed);
    }
  }
}
