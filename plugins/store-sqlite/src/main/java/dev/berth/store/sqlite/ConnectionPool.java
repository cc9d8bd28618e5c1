package dev.berth.store.sqlite;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A few connections shared by every thread: one is lent to one thread for one unit of work, then
 * kept for the next. Connections are opened on demand, up to the configured number.
 */
final class ConnectionPool implements AutoCloseable {
  private final ConnectionFactory factory;
  private final Semaphore permits;
  private final Deque<Connection> idle = new ArrayDeque<>();
  private boolean closed;

  ConnectionPool(ConnectionFactory factory, int maxConnections) {
    this.factory = factory;
    this.permits = new Semaphore(maxConnections, true);
  }

  /**
   * Lends a connection, waiting up to {@code wait} for one to come back when all are lent.
   *
   * @throws PoolUnavailableException when the pool is closed or none came back in time
   */
  Connection borrow(Duration wait) throws SQLException, InterruptedException {
    if (!permits.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
      throw new PoolUnavailableException(
          "no database connection became free within " + wait.toMillis() + " ms");
    }
    try {
      Connection reused = takeIdle();
      return reused != null ? reused : factory.open();
    } catch (SQLException | RuntimeException e) {
      permits.release();
      throw e;
    }
  }

  /**
   * Takes back a lent connection; a broken one, or any after {@link #close()}, is closed instead.
   */
  void giveBack(Connection connection, boolean broken) {
    try {
      boolean keep;
      synchronized (this) {
        keep = !closed && !broken;
        if (keep) {
          idle.push(connection);
        }
      }
      if (!keep) {
        closeQuietly(connection);
      }
    } finally {
      permits.release();
    }
  }

  @Override
  public void close() {
    Deque<Connection> toClose;
    synchronized (this) {
      closed = true;
      toClose = new ArrayDeque<>(idle);
      idle.clear();
    }
    toClose.forEach(ConnectionPool::closeQuietly);
  }

  private synchronized Connection takeIdle() {
    if (closed) {
      throw new PoolUnavailableException("the store is closed");
    }
    return idle.poll();
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException ignored) {
      // Nothing is pending on a connection given back, so a failed close loses nothing.
    }
  }

  /** The pool could not lend a connection: it is closed, or all connections stayed busy. */
  static final class PoolUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PoolUnavailableException(String message) {
      super(message);
    }
  }
}
