package dev.berth.bench.infra;

import dev.berth.bench.load.LatencyStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The machine's floor for the local executor's figures: {@code /bin/true} started from a JVM and
 * waited for, in a loop, with the process start mechanism Berth's launcher sets (vfork). A job
 * through Berth cannot start and end faster than this; the local-process benchmarks report their
 * figures as multiples of it, measured in the same run.
 *
 * <p>It runs in a child JVM of its own (as the server does), because the JDK reads the start
 * mechanism once, when a JVM starts its first process.
 */
public final class SpawnFloor {
  /** One measurement: the latency of one start-to-exit, and the rate with {@code threads} at once. */
  public record Result(LatencyStats latency, int threads, double perSecond) {}

  private static final String MECHANISM = "-Djdk.lang.Process.launchMechanism=VFORK";

  private SpawnFloor() {}

  /** Runs {@code count} starts one at a time, then {@code count} with {@code threads} at once. */
  public static Result measure(Path work, int count, int threads) throws IOException, InterruptedException {
    Path out = work.resolve("spawn-floor-" + threads + ".txt");
    Files.deleteIfExists(out);
    try (JvmProcess jvm = JvmProcess.start(System.getProperty("java.class.path"), SpawnFloor.class.getName(),
        List.of(MECHANISM), List.of(Integer.toString(count), Integer.toString(threads), out.toString()),
        Map.of(), work.resolve("spawn-floor-" + threads + ".log"))) {
      if (!jvm.awaitExit(TimeUnit.MINUTES.toMillis(5)) || !Files.exists(out)) {
        throw new IllegalStateException("the spawn floor measurement did not finish:\n" + jvm.logTail(20));
      }
    }
    String[] lines = Files.readString(out).trim().split("\n");
    long[] nanos = new long[lines.length - 1];
    for (int i = 1; i < lines.length; i++) {
      nanos[i - 1] = Long.parseLong(lines[i].trim());
    }
    return new Result(LatencyStats.ofNanos(nanos), threads, Double.parseDouble(lines[0].trim()));
  }

  /** {@code count threads outFile}: writes the rate, then one start-to-exit time (ns) per line. */
  public static void main(String[] args) throws Exception {
    int count = Integer.parseInt(args[0]);
    int threads = Integer.parseInt(args[1]);
    ProcessBuilder bare = new ProcessBuilder("/bin/true")
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true);
    for (int i = 0; i < 20; i++) {
      startAndWait(bare); // warm-up: the JDK's process classes and the page cache
    }
    long[] one = new long[count];
    for (int i = 0; i < count; i++) {
      one[i] = startAndWait(bare);
    }
    AtomicInteger left = new AtomicInteger(count);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long t0 = System.nanoTime();
    List<Future<?>> running = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      running.add(pool.submit(() -> {
        while (left.getAndDecrement() > 0) {
          startAndWait(bare);
        }
        return null;
      }));
    }
    for (Future<?> f : running) {
      f.get();
    }
    double perSecond = count / ((System.nanoTime() - t0) / 1e9);
    pool.shutdown();
    StringBuilder text = new StringBuilder().append(perSecond).append('\n');
    for (long n : one) {
      text.append(n).append('\n');
    }
    Files.writeString(Path.of(args[2]), text);
  }

  private static long startAndWait(ProcessBuilder builder) throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    Process p = builder.start();
    p.getOutputStream().close();
    p.waitFor();
    return System.nanoTime() - t0;
  }
}
