package dev.berth.executor.argo;

import dev.berth.api.ExecutionListener;
import dev.berth.api.ExecutionStatus;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;

/**
 * Pushes statuses to the host's listener from one thread of its own, in the order they were
 * queued, so a job's RUNNING never arrives after its end and the informer's thread never waits on
 * the host. A status equal to the last one pushed for its job is dropped: the informer's resync
 * re-delivers every workflow, and the host needs only changes.
 */
final class StatusNotifier implements AutoCloseable {
  private final Logger log;
  private final ExecutorService thread;
  private final Map<String, ExecutionStatus> lastPushed = new ConcurrentHashMap<>();
  private volatile ExecutionListener listener;

  StatusNotifier(Logger log) {
    this.log = log;
    this.thread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "berth-argo-status");
              t.setDaemon(true);
              return t;
            });
  }

  void listenTo(ExecutionListener listener) {
    this.listener = listener;
  }

  /** Queues {@code status} for the listener. Lost pushes are tolerable: the host also polls. */
  void push(ExecutionStatus status) {
    try {
      thread.execute(() -> deliver(status));
    } catch (RejectedExecutionException e) {
      // Closed: the host no longer listens.
    }
  }

  /** Forgets what was pushed for a job whose workflow is gone, so the map does not grow forever. */
  void forget(String jobId) {
    try {
      thread.execute(() -> lastPushed.remove(jobId));
    } catch (RejectedExecutionException e) {
      // Closed.
    }
  }

  private void deliver(ExecutionStatus status) {
    ExecutionListener target = listener;
    if (target == null || Objects.equals(lastPushed.get(status.jobId()), status)) {
      return;
    }
    try {
      target.onStatus(status);
      lastPushed.put(status.jobId(), status);
    } catch (RuntimeException e) {
      log.warn("could not push the status of job {}: {}", status.jobId(), e.toString(), e);
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
