package dev.berth.plugin.support;

import dev.berth.api.ExecutionListener;
import dev.berth.api.ExecutionStatus;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * Pushes an executor's statuses to the host's listener from one thread of its own, in the order
 * they were queued, so a job's RUNNING never arrives after its end and the executor's own threads
 * (process exit callbacks, an informer) never wait on the host. Lost pushes are tolerable: the host
 * also polls.
 */
public final class StatusNotifier implements AutoCloseable {
  private final Logger log;
  private final ExecutorService thread;
  private final Map<String, ExecutionStatus> lastPushed = new ConcurrentHashMap<>();
  private volatile ExecutionListener listener;

  /** @param threadName the push thread's name, such as {@code berth-local-status} */
  public StatusNotifier(Logger log, String threadName) {
    this.log = log;
    this.thread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, threadName);
              t.setDaemon(true);
              return t;
            });
  }

  public void listenTo(ExecutionListener listener) {
    this.listener = listener;
  }

  /**
   * Queues a push; {@code status} is evaluated on the push thread, so it sees what happened before
   * the pushes queued ahead of it, and may return null for nothing to push.
   */
  public void push(Supplier<ExecutionStatus> status) {
    submit(
        () -> {
          ExecutionStatus s;
          try {
            s = status.get();
          } catch (RuntimeException e) {
            log.warn("could not read a job status to push: {}", e.toString(), e);
            return;
          }
          if (s != null) {
            deliver(s);
          }
        });
  }

  /**
   * Queues {@code status} unless it equals the last one pushed for its job: for an executor that
   * re-reads every run again and again (an informer's resync), since the host needs only changes.
   * Call {@link #forget} when the job's run is gone, or the memory of the last status grows.
   */
  public void pushChange(ExecutionStatus status) {
    submit(
        () -> {
          if (!Objects.equals(lastPushed.get(status.jobId()), status) && deliver(status)) {
            lastPushed.put(status.jobId(), status);
          }
        });
  }

  /** Forgets what {@link #pushChange} last pushed for a job, after the pushes queued before. */
  public void forget(String jobId) {
    submit(() -> lastPushed.remove(jobId));
  }

  private void submit(Runnable task) {
    try {
      thread.execute(task);
    } catch (RejectedExecutionException e) {
      // Closed: the host no longer listens.
    }
  }

  /** Whether the listener took the status; a listener's failure is logged, never thrown. */
  private boolean deliver(ExecutionStatus status) {
    ExecutionListener target = listener;
    if (target == null) {
      return false;
    }
    try {
      target.onStatus(status);
      return true;
    } catch (RuntimeException e) {
      log.warn("could not push the status of job {}: {}", status.jobId(), e.toString(), e);
      return false;
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
