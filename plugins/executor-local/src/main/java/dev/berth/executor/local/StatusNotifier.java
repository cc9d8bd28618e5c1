package dev.berth.executor.local;

import dev.berth.api.ExecutionListener;
import dev.berth.api.ExecutionStatus;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * Pushes statuses to the host's listener from one thread of its own, in the order they were queued,
 * so a job's RUNNING never arrives after its end, and process exit callbacks never wait on the
 * listener.
 */
final class StatusNotifier implements AutoCloseable {
  private final Logger log;
  private final ExecutorService thread;
  private volatile ExecutionListener listener;

  StatusNotifier(Logger log) {
    this.log = log;
    this.thread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "berth-local-status");
              t.setDaemon(true);
              return t;
            });
  }

  void listenTo(ExecutionListener listener) {
    this.listener = listener;
  }

  /**
   * Queues a push; {@code status} is evaluated on the push thread and may return null for nothing
   * to push. Lost pushes are tolerable: the host also polls.
   */
  void push(Supplier<ExecutionStatus> status) {
    try {
      thread.execute(() -> deliver(status));
    } catch (RejectedExecutionException e) {
      // Closed: the host no longer listens.
    }
  }

  private void deliver(Supplier<ExecutionStatus> status) {
    ExecutionListener target = listener;
    if (target == null) {
      return;
    }
    try {
      ExecutionStatus s = status.get();
      if (s != null) {
        target.onStatus(s);
      }
    } catch (RuntimeException e) {
      log.warn("could not push a job status: {}", e.toString(), e);
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
