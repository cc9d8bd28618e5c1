package dev.berth.bench.infra;

import dev.berth.api.JobSubmission;
import dev.berth.api.QueueStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fills a queue store through its own {@link QueueStore#enqueue}, from several threads: the way to
 * put a million jobs in a queue far faster than over HTTP, in exactly the form the store writes
 * them.
 */
public final class QueueFiller {
  private QueueFiller() {}

  /**
   * Enqueues {@code count} copies of {@code submission} with {@code threads} threads.
   *
   * @return the elapsed nanoseconds
   */
  public static long fill(QueueStore store, JobSubmission submission, long count, int threads) throws Exception {
    return fillRotating(store, List.of(submission), count, threads);
  }

  /**
   * Enqueues copies of {@code submission} with {@code threads} threads for {@code duration}.
   *
   * @return how many were enqueued, and in how many nanoseconds
   */
  public static long[] fillFor(QueueStore store, JobSubmission submission, java.time.Duration duration, int threads)
      throws Exception {
    Clock clock = Clock.systemUTC();
    AtomicLong done = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long t0 = System.nanoTime();
    long end = t0 + duration.toNanos();
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        work.add(pool.submit(() -> {
          while (System.nanoTime() < end) {
            store.enqueue(submission, clock.instant());
            done.incrementAndGet();
          }
          return null;
        }));
      }
      for (Future<?> f : work) {
        f.get();
      }
      return new long[] {done.get(), System.nanoTime() - t0};
    } finally {
      pool.shutdownNow();
    }
  }

  /** A job of the bench executor's {@code template}, CPU-only. */
  /**
   * Enqueues {@code count} jobs, the i-th being {@code rotation.get(i % size)}, on {@code threads}
   * threads: a queue of many users' jobs, interleaved.
   *
   * @return the elapsed nanoseconds
   */
  public static long fillRotating(QueueStore store, List<JobSubmission> rotation, long count, int threads)
      throws Exception {
    if (count <= 0) {
      return 0;
    }
    Clock clock = Clock.systemUTC();
    AtomicLong next = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long t0 = System.nanoTime();
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        work.add(pool.submit(() -> {
          for (long n; (n = next.getAndIncrement()) < count; ) {
            store.enqueue(rotation.get((int) (n % rotation.size())), clock.instant());
          }
          return null;
        }));
      }
      for (Future<?> f : work) {
        f.get();
      }
      return System.nanoTime() - t0;
    } finally {
      pool.shutdownNow();
    }
  }

  /** One-GPU jobs of the bench executor's {@code template} from {@code users} users, each with a time limit. */
  public static List<JobSubmission> manyUsers(String template, int users, int timeLimitSeconds) {
    List<JobSubmission> out = new ArrayList<>(users);
    for (int u = 0; u < users; u++) {
      out.add(new JobSubmission(template, String.format(java.util.Locale.ROOT, "user%04d", u), template,
          java.util.Map.of(), 1, 0, timeLimitSeconds));
    }
    return out;
  }

  public static JobSubmission benchJob(String template) {
    return new JobSubmission(template, "bench", template, java.util.Map.of(), 0, 0);
  }
}
