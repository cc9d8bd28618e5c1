package dev.berth.testkit;

import dev.berth.api.ExecutionListener;
import dev.berth.api.ExecutionPhase;
import dev.berth.api.ExecutionStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * An {@link ExecutionListener} that keeps every pushed status, for tests to wait on. Waiting blocks
 * on the pushes themselves, with a deadline, instead of polling.
 */
public final class ExecutorStatusRecorder implements ExecutionListener {
  private final List<ExecutionStatus> received = new ArrayList<>();

  @Override
  public synchronized void onStatus(ExecutionStatus status) {
    received.add(status);
    notifyAll();
  }

  /** The statuses pushed so far for {@code jobId}, oldest first. */
  public synchronized List<ExecutionStatus> of(String jobId) {
    return received.stream().filter(s -> s.jobId().equals(jobId)).toList();
  }

  /**
   * Waits until a status for {@code jobId} matching {@code wanted} is pushed.
   *
   * @return the first such status
   * @throws AssertionError when none arrives within {@code timeout}, listing what did
   */
  public synchronized ExecutionStatus await(
      String jobId, Predicate<ExecutionStatus> wanted, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (ExecutionStatus s : received) {
        if (s.jobId().equals(jobId) && wanted.test(s)) {
          return s;
        }
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError(
            "no matching status pushed for job "
                + jobId
                + " within "
                + timeout
                + "; got "
                + new ArrayList<>(of(jobId)));
      }
      try {
        wait(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for job " + jobId, e);
      }
    }
  }

  /** Waits for a pushed status of {@code jobId} in {@code phase}. */
  public ExecutionStatus awaitPhase(String jobId, ExecutionPhase phase, Duration timeout) {
    return await(jobId, s -> s.phase() == phase, timeout);
  }

  /** Waits for a pushed status of {@code jobId} that says it ended. */
  public ExecutionStatus awaitFinished(String jobId, Duration timeout) {
    return await(jobId, s -> s.phase().isFinished(), timeout);
  }
}
