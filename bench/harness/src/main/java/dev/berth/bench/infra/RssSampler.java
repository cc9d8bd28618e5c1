package dev.berth.bench.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Samples a process's resident set size every so often, on a thread of its own. */
public final class RssSampler implements AutoCloseable {
  private final long pid;
  private final List<double[]> samples = new ArrayList<>();
  private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "bench-rss");
    t.setDaemon(true);
    return t;
  });
  private final long start = System.nanoTime();

  public RssSampler(long pid, long everyMillis) {
    this.pid = pid;
    thread.scheduleAtFixedRate(this::sample, 0, everyMillis, TimeUnit.MILLISECONDS);
  }

  private synchronized void sample() {
    double rss = Machine.rssMiB(pid);
    if (rss >= 0) {
      samples.add(new double[] {(System.nanoTime() - start) / 1e9, rss});
    }
  }

  /** The largest sample, in MiB; -1 when none was taken. */
  public synchronized double maxMiB() {
    return samples.stream().mapToDouble(s -> s[1]).max().orElse(-1);
  }

  /** Every sample: seconds since the start, MiB. */
  public synchronized List<double[]> samples() {
    return List.copyOf(samples);
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
