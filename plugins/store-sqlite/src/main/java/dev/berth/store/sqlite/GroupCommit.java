package dev.berth.store.sqlite;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Lets the writes of one process that arrive together share one transaction, so one commit and
 * one fsync (group commit). Writers line up in arrival order. The first in line leads: it takes
 * itself and the writes behind it, up to {@code maxBatch}, runs them through the {@link Committer}
 * on its own thread, and hands each writer its own outcome. Writes that arrive meanwhile wait for
 * the next batch, which the first of them leads. A lone writer leads a batch of one at once.
 *
 * <p>No writer returns before the commit that holds its write, so a returned write is exactly as
 * durable as it was with a transaction of its own.
 */
final class GroupCommit {
  /**
   * Runs a batch in one transaction, in order, and records each write's outcome with {@link
   * Write#fail} where it has no result. It must not throw.
   */
  @FunctionalInterface
  interface Committer {
    void commit(List<Write<?>> batch);
  }

  private final Committer committer;
  private final int maxBatch;
  private final ReentrantLock lock = new ReentrantLock();
  private final Deque<Write<?>> line = new ArrayDeque<>();

  GroupCommit(Committer committer, int maxBatch) {
    this.committer = committer;
    this.maxBatch = maxBatch;
  }

  /** How many writes are in line, those of the batch being committed included. */
  int waiting() {
    lock.lock();
    try {
      return line.size();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Runs {@code work} in a shared transaction and returns its result once that is committed.
   *
   * @throws WaitedTooLong when the write was not taken into a batch within {@code wait}: the other
   *     writers of this process held the database; nothing of it was run
   */
  <T> T write(String action, SqlWork<T> work, Duration wait) throws InterruptedException {
    if (Thread.interrupted()) {
      // Leading with the flag set would fail the whole batch in the connection pool's wait.
      throw new InterruptedException();
    }
    Write<T> write = new Write<>(action, work, lock.newCondition());
    List<Write<?>> batch;
    lock.lock();
    try {
      line.addLast(write);
      awaitTurn(write, wait);
      if (write.done) {
        return write.outcome();
      }
      batch = takeBatch();
    } finally {
      lock.unlock();
    }
    lead(batch);
    return write.outcome();
  }

  /**
   * Waits until another leader has run the write, or it is first in line and must lead. A write
   * not yet taken into a batch may give up; one taken must wait, as its caller has to learn
   * whether it committed.
   */
  private void awaitTurn(Write<?> write, Duration wait) throws InterruptedException {
    long left = wait.toNanos();
    boolean interrupted = false;
    try {
      while (!write.done && line.peekFirst() != write) {
        if (write.taken) {
          write.turn.awaitUninterruptibly();
        } else if (left <= 0) {
          withdraw(write);
          throw new WaitedTooLong(wait);
        } else {
          try {
            left = write.turn.awaitNanos(left);
          } catch (InterruptedException e) {
            if (!write.taken) {
              withdraw(write);
              throw e;
            }
            interrupted = true;
          }
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Takes an untaken write out of the line; if it was first, the next one leads instead. */
  private void withdraw(Write<?> write) {
    boolean wasFirst = line.peekFirst() == write;
    line.remove(write);
    Write<?> next = line.peekFirst();
    if (wasFirst && next != null) {
      next.turn.signal();
    }
  }

  private List<Write<?>> takeBatch() {
    List<Write<?>> batch = new ArrayList<>(Math.min(line.size(), maxBatch));
    for (Write<?> waiting : line) {
      if (batch.size() == maxBatch) {
        break;
      }
      waiting.taken = true;
      batch.add(waiting);
    }
    return batch;
  }

  private void lead(List<Write<?>> batch) {
    try {
      committer.commit(batch);
    } catch (RuntimeException | Error e) {
      // A committer bug: no write may be reported as done without an outcome.
      for (Write<?> write : batch) {
        write.fail(e);
      }
    } finally {
      finish(batch);
    }
  }

  /** Hands out the outcomes and wakes the next leader. */
  private void finish(List<Write<?>> batch) {
    lock.lock();
    try {
      for (Write<?> write : batch) {
        line.remove(write);
        write.done = true;
        write.turn.signal();
      }
      Write<?> next = line.peekFirst();
      if (next != null) {
        next.turn.signal();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * One caller's write: its work and, once run, its result or failure. Fields are written by the
   * leader and read by the caller under the lock of the line, or by the leader itself.
   */
  static final class Write<T> {
    private final String action;
    private final SqlWork<T> work;
    private final Condition turn;
    private boolean taken;
    private boolean done;
    private T result;
    private Throwable failure;

    private Write(String action, SqlWork<T> work, Condition turn) {
      this.action = action;
      this.work = work;
      this.turn = turn;
    }

    String action() {
      return action;
    }

    void run(Connection connection) throws SQLException {
      result = work.run(connection);
    }

    /** Records why the write did not commit; a result it had is void then. */
    void fail(Throwable why) {
      if (failure == null) {
        failure = why;
      }
      result = null;
    }

    boolean failed() {
      return failure != null;
    }

    private T outcome() {
      if (failure instanceof RuntimeException e) {
        throw e;
      }
      if (failure instanceof Error e) {
        throw e;
      }
      if (failure != null) {
        throw new IllegalStateException(failure);
      }
      return result;
    }
  }

  /** A write waited for its turn longer than the caller allows, and was withdrawn unrun. */
  static final class WaitedTooLong extends RuntimeException {
    private static final long serialVersionUID = 1L;

    WaitedTooLong(Duration wait) {
      super(
          "other writers in this process held the database past " + wait.toMillis() + " ms",
          null,
          false,
          false);
    }
  }
}
