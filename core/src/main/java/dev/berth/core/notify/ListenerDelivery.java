package dev.berth.core.notify;

import dev.berth.api.Job;
import dev.berth.api.JobEvent;
import dev.berth.api.JobListener;
import dev.berth.core.host.Provided;
import dev.berth.core.metrics.BerthMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands job events to the plugin listeners from a bounded queue on a few threads of its own, so
 * that a mail server or webhook receiver that is slow, down or never answers costs the scheduler
 * and the reconciler nothing: {@link #offer} never blocks. A listener that throws is tried again
 * after the {@link Backoff}'s waits; after the last try, or when the queue is full, the event is
 * counted as failed for that listener (metrics and the plugins page), never silently lost.
 */
public final class ListenerDelivery implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ListenerDelivery.class);
  /** Senders that may wait on a network timeout at once; the rest wait in the queue. */
  private static final int WORKERS = 4;
  public static final int DEFAULT_CAPACITY = 1000;

  private final List<Provided<JobListener>> listeners;
  private final Backoff backoff;
  private final Clock clock;
  private final BerthMetrics metrics;
  private final ThreadPoolExecutor workers;
  private final ScheduledExecutorService retries;
  private final Map<String, Tally> tallies = new ConcurrentHashMap<>();

  public ListenerDelivery(List<Provided<JobListener>> listeners, Backoff backoff, int capacity, Clock clock,
      BerthMetrics metrics) {
    this.listeners = List.copyOf(listeners);
    this.backoff = backoff;
    this.clock = clock;
    this.metrics = metrics;
    AtomicInteger n = new AtomicInteger();
    this.workers = new ThreadPoolExecutor(WORKERS, WORKERS, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(capacity),
        r -> daemon(r, "berth-notify-" + n.incrementAndGet()), new ThreadPoolExecutor.AbortPolicy());
    workers.allowCoreThreadTimeOut(true);
    this.retries = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "berth-notify-retry"));
    for (Provided<JobListener> l : this.listeners) {
      tallies.put(l.pluginId(), new Tally());
      metrics.declareListener(l.pluginId());
    }
  }

  public boolean hasListeners() {
    return !listeners.isEmpty();
  }

  /** Queues the event for every listener; returns at once. */
  public void offer(JobEvent event, Job job) {
    for (Provided<JobListener> l : listeners) {
      enqueue(new Attempt(l, event, job, 1));
    }
  }

  private void enqueue(Attempt attempt) {
    try {
      workers.execute(() -> run(attempt));
    } catch (RejectedExecutionException e) {
      failed(attempt, workers.isShutdown() ? "Berth is stopping" : "delivery queue full");
    }
  }

  private void run(Attempt a) {
    try {
      a.listener().extension().onEvent(a.event(), a.job());
      Tally t = tallies.get(a.listener().pluginId());
      synchronized (t) {
        t.delivered++;
      }
      metrics.notificationDelivered(a.listener().pluginId());
    } catch (RuntimeException | LinkageError e) {
      Duration wait = backoff.after(a.tryNumber());
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      if (wait == null) {
        failed(a, why);
        return;
      }
      LOG.info("Listener {} failed on job {} ({} of {} tries), retrying in {}s: {}", a.listener().pluginId(),
          a.job().id(), a.tryNumber(), backoff.tries(), wait.toSeconds(), why);
      try {
        retries.schedule(() -> enqueue(a.next()), wait.toMillis(), TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException stopped) {
        failed(a, "Berth is stopping");
      }
    }
  }

  private void failed(Attempt a, String why) {
    String id = a.listener().pluginId();
    LOG.warn("Listener {} gave up on job {} event {} after {} tries: {}", id, a.job().id(), a.event().to(),
        a.tryNumber(), why);
    Tally t = tallies.get(id);
    synchronized (t) {
      t.failed++;
      t.lastError = why;
      t.lastErrorAt = clock.instant();
    }
    metrics.notificationFailed(id);
  }

  /** Each listener's counts, in the order they are configured. */
  public List<ListenerHealth> health() {
    List<ListenerHealth> out = new ArrayList<>();
    for (Provided<JobListener> l : listeners) {
      Tally t = tallies.get(l.pluginId());
      synchronized (t) {
        out.add(new ListenerHealth(l.pluginId(), t.delivered, t.failed, t.lastError, t.lastErrorAt));
      }
    }
    return out;
  }

  /**
   * Waits a few seconds for queued tries to finish, then interrupts senders still waiting on a
   * receiver; retries not yet due are dropped.
   */
  @Override
  public void close() throws InterruptedException {
    retries.shutdownNow();
    workers.shutdown();
    if (!workers.awaitTermination(3, TimeUnit.SECONDS)) {
      workers.shutdownNow();
    }
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  private record Attempt(Provided<JobListener> listener, JobEvent event, Job job, int tryNumber) {
    Attempt next() {
      return new Attempt(listener, event, job, tryNumber + 1);
    }
  }

  private static final class Tally {
    long delivered;
    long failed;
    String lastError;
    Instant lastErrorAt;
  }
}
