package dev.berth.store.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs work on pooled connections: reads as they come, writes one at a time inside {@code BEGIN
 * IMMEDIATE} transactions, and every failure turned into the exception the store contract names.
 *
 * <p>{@code BEGIN IMMEDIATE} takes the database write lock before the first read of a transaction,
 * so a read-then-write never has to upgrade its lock; that upgrade is where two processes would
 * otherwise deadlock into SQLITE_BUSY. Inside one process, writers also queue on a fair lock, so
 * they wait their turn here instead of in SQLite's sleeping busy handler.
 */
final class SqliteDatabase implements AutoCloseable {
  private final Path file;
  private final ConnectionPool pool;
  private final Duration wait;
  private final ReentrantLock writeLock = new ReentrantLock(true);

  SqliteDatabase(SqliteStoreConfig config) {
    this.file = config.file();
    this.pool = new ConnectionPool(new ConnectionFactory(config), config.maxConnections());
    this.wait = Duration.ofMillis(config.busyTimeoutMillis());
  }

  Path file() {
    return file;
  }

  /** Runs {@code work} in autocommit mode: each statement sees the latest committed state. */
  <T> T read(String action, SqlWork<T> work) {
    Connection connection = borrow(action);
    boolean broken = false;
    try {
      return work.run(connection);
    } catch (SQLException e) {
      broken = isClosed(connection);
      throw SqliteFailures.translate(action, file, e);
    } finally {
      pool.giveBack(connection, broken);
    }
  }

  /** Runs {@code work} in one write transaction: all of it is committed, or none of it. */
  <T> T write(String action, SqlWork<T> work) {
    lockWrites(action);
    Connection connection = null;
    boolean broken = false;
    try {
      connection = borrow(action);
      execute(connection, "BEGIN IMMEDIATE");
      try {
        T result = work.run(connection);
        execute(connection, "COMMIT");
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        broken = !rollBack(connection, e);
        throw e;
      }
    } catch (SQLException e) {
      throw SqliteFailures.translate(action, file, e);
    } finally {
      if (connection != null) {
        pool.giveBack(connection, broken);
      }
      writeLock.unlock();
    }
  }

  @Override
  public void close() {
    pool.close();
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /**
   * Whether the connection is clean again. SQLite rolls some failures back by itself, and then
   * ROLLBACK fails too; such a connection is closed rather than reused, which also ends any
   * transaction still open on it.
   */
  private static boolean rollBack(Connection connection, Throwable cause) {
    try {
      execute(connection, "ROLLBACK");
      return true;
    } catch (SQLException e) {
      cause.addSuppressed(e);
      return false;
    }
  }

  private Connection borrow(String action) {
    try {
      return pool.borrow(wait);
    } catch (ConnectionPool.PoolUnavailableException e) {
      throw SqliteFailures.unavailable(action, file, e.getMessage(), e);
    } catch (SQLException e) {
      throw SqliteFailures.translate(action, file, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw SqliteFailures.unavailable(
          action, file, "interrupted while waiting for a connection", e);
    }
  }

  private void lockWrites(String action) {
    try {
      if (!writeLock.tryLock(wait.toNanos(), TimeUnit.NANOSECONDS)) {
        throw SqliteFailures.unavailable(
            action,
            file,
            "other writers in this process held the database past " + wait.toMillis() + " ms",
            null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw SqliteFailures.unavailable(action, file, "interrupted while waiting to write", e);
    }
  }

  private static boolean isClosed(Connection connection) {
    try {
      return connection.isClosed();
    } catch (SQLException e) {
      return true;
    }
  }
}
