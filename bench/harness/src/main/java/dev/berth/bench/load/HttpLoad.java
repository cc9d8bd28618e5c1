package dev.berth.bench.load;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * A closed-loop load: {@code clients} keep-alive connections, each sending its next request as soon
 * as the previous answer arrived, for a warm-up and then a measurement window (or until a request
 * budget is spent). Every latency of the window is kept.
 */
public final class HttpLoad {

  /**
   * @param clients concurrent connections, one thread each
   * @param warmup sent and answered, not counted
   * @param measure the measurement window's length at most
   * @param maxRequests the most requests the window sends (Long.MAX_VALUE: no limit)
   */
  public record Plan(int clients, Duration warmup, Duration measure, long maxRequests) {
    public Plan {
      if (clients < 1) {
        throw new IllegalArgumentException("clients must be at least 1");
      }
    }
  }

  private HttpLoad() {}

  public static LoadResult run(int port, byte[] request, Plan plan) throws InterruptedException {
    long start = System.nanoTime();
    long measureStart = start + plan.warmup().toNanos();
    long end = measureStart + plan.measure().toNanos();
    AtomicLong budget = new AtomicLong(plan.maxRequests());
    LongAdder errors = new LongAdder();
    LongAdder sent = new LongAdder();
    Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    AtomicReference<String> firstError = new AtomicReference<>();
    AtomicLong lastAnswer = new AtomicLong(measureStart);
    List<LongList> samples = new ArrayList<>();
    CountDownLatch done = new CountDownLatch(plan.clients());
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < plan.clients(); i++) {
      LongList mine = new LongList();
      samples.add(mine);
      Thread t = new Thread(() -> {
        try (RawHttpConnection c = new RawHttpConnection(port)) {
          while (true) {
            long t0 = System.nanoTime();
            if (t0 >= end) {
              return;
            }
            boolean measured = t0 >= measureStart;
            if (measured && budget.getAndDecrement() <= 0) {
              return;
            }
            try {
              int code = c.exchange(request);
              long t1 = System.nanoTime();
              sent.increment();
              if (measured) {
                mine.add(t1 - t0);
                statuses.computeIfAbsent(code, k -> new LongAdder()).increment();
                lastAnswer.accumulateAndGet(t1, Math::max);
              }
            } catch (IOException | RuntimeException e) {
              if (measured) {
                errors.increment();
              }
              firstError.compareAndSet(null, e.toString());
              pause();
            }
          }
        } finally {
          done.countDown();
        }
      }, "bench-load-" + i);
      t.setDaemon(true);
      threads.add(t);
    }
    threads.forEach(Thread::start);
    done.await();
    long[] all = LongList.concat(samples);
    Map<Integer, Long> byStatus = new TreeMap<>();
    statuses.forEach((k, v) -> byStatus.put(k, v.sum()));
    long ok = byStatus.entrySet().stream().filter(e -> e.getKey() / 100 == 2).mapToLong(Map.Entry::getValue).sum();
    double seconds = (lastAnswer.get() - measureStart) / 1e9;
    return new LoadResult(all.length, sent.sum(), ok, errors.sum(), seconds, LatencyStats.ofNanos(all), byStatus, firstError.get());
  }

  /** After a failed request: a short pause so a refused connection does not spin a core. */
  private static void pause() {
    try {
      Thread.sleep(5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
