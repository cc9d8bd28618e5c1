package dev.berth.executor.local;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * When each live run reaches its time limit, and the stop due then. The deadline of a run is its
 * own recorded start plus the job's limit; it is set again from every job the host hands over
 * (submit, each status poll, a limit change), so a raised limit moves it and a new instance after a
 * restart arms it from the first poll. Only the latest deadline of a run is kept.
 */
final class RunDeadlines implements AutoCloseable {
  private record Armed(Instant deadline, ScheduledFuture<?> stop) {}

  private final Clock clock;
  private final Consumer<String> timeOut;
  private final Map<String, Armed> armed = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "berth-local-deadline");
            t.setDaemon(true);
            return t;
          });

  /** @param timeOut stops the run of the job id given; called on the timer thread */
  RunDeadlines(Clock clock, Consumer<String> timeOut) {
    this.clock = clock;
    this.timeOut = timeOut;
  }

  /**
   * Arms (or moves) the stop of {@code jobId} to {@code deadline}; nothing when the deadline is
   * unchanged. A deadline already past stops the run at once.
   */
  void arm(String jobId, Instant deadline) {
    // One lock for arming and firing: a deadline already past fires at once on the timer thread,
    // which must find this stop in force, not a map entry still being written.
    synchronized (this) {
      Armed current = armed.get(jobId);
      if (current != null && current.deadline().equals(deadline)) {
        return;
      }
      if (current != null) {
        current.stop().cancel(false);
      }
      long delay = Math.max(0, Duration.between(clock.instant(), deadline).toMillis());
      try {
        armed.put(jobId, new Armed(deadline, timer.schedule(() -> fire(jobId, deadline), delay, TimeUnit.MILLISECONDS)));
      } catch (RejectedExecutionException closed) {
        armed.remove(jobId);
      }
    }
  }

  /** Forgets the run of {@code jobId}: it ended. */
  void disarm(String jobId) {
    Armed gone;
    synchronized (this) {
      gone = armed.remove(jobId);
    }
    if (gone != null) {
      gone.stop().cancel(false);
    }
  }

  private void fire(String jobId, Instant deadline) {
    // Only the stop of the deadline still in force; a raise made meanwhile replaced it.
    boolean inForce;
    synchronized (this) {
      Armed current = armed.get(jobId);
      inForce = current != null && current.deadline().equals(deadline);
    }
    if (inForce) {
      timeOut.accept(jobId); // outside the lock: stopping a run signals processes and writes files
    }
  }

  /** Drops pending stops: the host closes the executor without stopping jobs. */
  @Override
  public void close() {
    timer.shutdownNow();
  }
}
