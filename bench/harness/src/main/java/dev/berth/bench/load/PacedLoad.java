package dev.berth.bench.load;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop load at a fixed rate: request k is due at {@code start + k / rate}, whatever
 * happened to the earlier ones, and its latency counts from when it was due, so a stalled server
 * shows as latency instead of as a slower request rate (no coordinated omission).
 */
public final class PacedLoad {

  /**
   * Every answered request: when it was due (ns since the load's start), its latency (ns), and
   * whether it was a 2xx.
   */
  public record Samples(long[] dueNanos, long[] latencyNanos, long answered, long ok, long errors, String firstError) {

    /** The latencies of requests due in {@code [fromNanos, toNanos)}. */
    public long[] latenciesBetween(long fromNanos, long toNanos) {
      LongList out = new LongList();
      for (int i = 0; i < dueNanos.length; i++) {
        if (dueNanos[i] >= fromNanos && dueNanos[i] < toNanos) {
          out.add(latencyNanos[i]);
        }
      }
      return out.toArray();
    }
  }

  private PacedLoad() {}

  public static Samples run(int port, byte[] request, double perSecond, int clients, Duration duration)
      throws InterruptedException {
    long start = System.nanoTime();
    long total = (long) Math.floor(perSecond * duration.toNanos() / 1e9);
    double interval = 1e9 / perSecond;
    AtomicLong next = new AtomicLong();
    LongAdder ok = new LongAdder();
    LongAdder errors = new LongAdder();
    AtomicReference<String> firstError = new AtomicReference<>();
    List<LongList> dues = new ArrayList<>();
    List<LongList> latencies = new ArrayList<>();
    CountDownLatch done = new CountDownLatch(clients);
    for (int i = 0; i < clients; i++) {
      LongList myDue = new LongList();
      LongList myLatency = new LongList();
      dues.add(myDue);
      latencies.add(myLatency);
      Thread t = new Thread(() -> {
        try (RawHttpConnection c = new RawHttpConnection(port)) {
          for (long k; (k = next.getAndIncrement()) < total; ) {
            long due = (long) (k * interval);
            long wait = start + due - System.nanoTime();
            if (wait > 0) {
              LockSupport.parkNanos(wait);
            }
            try {
              int code = c.exchange(request);
              myDue.add(due);
              myLatency.add(System.nanoTime() - (start + due));
              if (code / 100 == 2) {
                ok.increment();
              }
            } catch (IOException | RuntimeException e) {
              errors.increment();
              firstError.compareAndSet(null, e.toString());
            }
          }
        } finally {
          done.countDown();
        }
      }, "bench-paced-" + i);
      t.setDaemon(true);
      t.start();
    }
    done.await();
    long[] due = LongList.concat(dues);
    long[] lat = LongList.concat(latencies);
    return new Samples(due, lat, due.length, ok.sum(), errors.sum(), firstError.get());
  }
}
