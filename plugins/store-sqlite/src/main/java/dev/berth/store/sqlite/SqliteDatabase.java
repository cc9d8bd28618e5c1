package dev.berth.store.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * Runs work on pooled connections: reads as they come, writes inside {@code BEGIN IMMEDIATE}
 * transactions, and every failure turned into the exception the store contract names.
 *
 * <p>{@code BEGIN IMMEDIATE} takes the database write lock before the first read of a transaction,
 * so a read-then-write never has to upgrade its lock; that upgrade is where two processes would
 * otherwise deadlock into SQLITE_BUSY. Inside one process, writers line up in {@link GroupCommit}
 * instead of in SQLite's sleeping busy handler, and the writes waiting together share one
 * transaction: one fsync for all of them instead of one each. Each write still runs alone, in
 * order, under the write lock, inside its own savepoint, so it is the same compare-and-set as
 * before, and one write's failure undoes only that write.
 */
final class SqliteDatabase implements AutoCloseable {
  /** Bounds how long one commit holds the file's write lock against other processes. */
  static final int MAX_WRITES_PER_COMMIT = 128;

  private final Path file;
  private final ConnectionPool pool;
  private final Duration wait;
  private final GroupCommit writes = new GroupCommit(this::commit, MAX_WRITES_PER_COMMIT);

  SqliteDatabase(SqliteStoreConfig config) {
    this.file = config.file();
    this.pool = new ConnectionPool(new ConnectionFactory(config), config.maxConnections());
    this.wait = Duration.ofMillis(config.busyTimeoutMillis());
  }

  Path file() {
    return file;
  }

  /** How many writes of this process are waiting for or inside the current commit. */
  int writesInLine() {
    return writes.waiting();
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

  /**
   * Runs {@code work} in a write transaction: all of it is committed, or none of it, and it is on
   * disk when this returns.
   */
  <T> T write(String action, SqlWork<T> work) {
    try {
      return writes.write(action, work, wait);
    } catch (GroupCommit.WaitedTooLong e) {
      throw SqliteFailures.unavailable(action, file, e.getMessage(), null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw SqliteFailures.unavailable(action, file, "interrupted while waiting to write", e);
    }
  }

  @Override
  public void close() {
    pool.close();
  }

  /** One transaction for {@code batch}; see {@link GroupCommit.Committer}. */
  private void commit(List<GroupCommit.Write<?>> batch) {
    String action = batch.size() == 1 ? batch.get(0).action() : batch.size() + " writes";
    Connection connection;
    try {
      connection = borrow(action);
    } catch (RuntimeException e) {
      failAll(batch, e);
      return;
    }
    boolean broken = false;
    try {
      execute(connection, "BEGIN IMMEDIATE");
      boolean toCommit =
          batch.size() == 1 ? runAlone(connection, batch.get(0)) : runEach(connection, batch);
      if (!toCommit) {
        broken = !rollBack(connection, null);
        return;
      }
      execute(connection, "COMMIT");
    } catch (SQLException e) {
      // BEGIN, a savepoint or COMMIT failed: nothing of the batch is on disk.
      for (GroupCommit.Write<?> write : batch) {
        write.fail(translate(write, e));
      }
      broken = !rollBack(connection, e);
    } finally {
      pool.giveBack(connection, broken);
    }
  }

  /**
   * A batch of one needs no savepoint: its failure rolls the transaction back. Returns whether the
   * transaction is still to be committed.
   */
  private boolean runAlone(Connection connection, GroupCommit.Write<?> write) {
    try {
      write.run(connection);
      return true;
    } catch (SQLException e) {
      write.fail(translate(write, e));
    } catch (RuntimeException | Error e) {
      write.fail(e);
    }
    return false;
  }

  /**
   * Runs each write inside its own savepoint, undoing only a failed one. Returns whether the
   * transaction is still to be committed: false when SQLite rolled all of it back by itself (a
   * full disk, an I/O error), and then every write of the batch fails, as none will commit.
   */
  private boolean runEach(Connection connection, List<GroupCommit.Write<?>> batch)
      throws SQLException {
    for (GroupCommit.Write<?> write : batch) {
      execute(connection, "SAVEPOINT write");
      try {
        write.run(connection);
      } catch (SQLException | RuntimeException | Error e) {
        write.fail(e instanceof SQLException sql ? translate(write, sql) : e);
        if (!undo(connection, e)) {
          failAll(
              batch,
              SqliteFailures.unavailable(
                  write.action(),
                  file,
                  "the shared transaction was rolled back: " + e.getMessage(),
                  e));
          return false;
        }
        continue;
      }
      execute(connection, "RELEASE write");
    }
    return true;
  }

  /** Undoes the savepoint's changes; false when the transaction itself is gone. */
  private static boolean undo(Connection connection, Throwable cause) {
    try {
      execute(connection, "ROLLBACK TO write");
      execute(connection, "RELEASE write");
      return true;
    } catch (SQLException e) {
      cause.addSuppressed(e);
      return false;
    }
  }

  private RuntimeException translate(GroupCommit.Write<?> write, SQLException e) {
    return SqliteFailures.translate(write.action(), file, e);
  }

  private static void failAll(List<GroupCommit.Write<?>> batch, RuntimeException why) {
    for (GroupCommit.Write<?> write : batch) {
      write.fail(why);
    }
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
      if (cause != null) {
        cause.addSuppressed(e);
      }
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

  private static boolean isClosed(Connection connection) {
    try {
      return connection.isClosed();
    } catch (SQLException e) {
      return true;
    }
  }
}
