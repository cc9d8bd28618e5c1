package dev.berth.store.sqlite;

import dev.berth.api.Job;
import dev.berth.api.JobSubmission;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The child process of the kill -9 test: opens the store on {@code args[0]} (a data directory) and
 * enqueues up to {@code args[1]} jobs from each of {@code args[2]} threads (default 1), printing
 * each id once enqueue has returned. Concurrent writers share commits, which is what the test then
 * checks survives. It exits on its own when its parent goes away (stdin closes), so a crashed test
 * leaves no process behind.
 */
public final class EnqueueUntilKilled {
  private EnqueueUntilKilled() {}

  public static void main(String[] args) throws InterruptedException {
    Path dataDir = Path.of(args[0]);
    long count = Long.parseLong(args[1]);
    int writers = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    String synchronous = args.length > 3 ? args[3] : "FULL";
    exitWhenParentGoesAway(System.in);
    PrintStream out = System.out;
    try (SqliteQueueStore store =
        SqliteTestFiles.open(dataDir, Map.of(SqliteStoreConfig.SYNCHRONOUS, synchronous))) {
      List<Thread> threads = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        Thread thread =
            new Thread(() -> enqueue(store, count, writer, out), "writer-" + writer);
        thread.start();
        threads.add(thread);
      }
      for (Thread thread : threads) {
        thread.join();
      }
    }
  }

  private static void enqueue(SqliteQueueStore store, long count, int writer, PrintStream out) {
    for (long i = 0; i < count; i++) {
      Job job =
          store.enqueue(
              new JobSubmission(
                  "durable " + writer + "/" + i,
                  "user" + writer,
                  "demo",
                  Map.of("i", Long.toString(i)),
                  1,
                  0),
              Instant.parse("2026-03-01T09:00:00Z").plusMillis(i));
      synchronized (out) {
        out.println(job.id());
        out.flush();
      }
    }
  }

  private static void exitWhenParentGoesAway(InputStream parent) {
    Thread watcher =
        new Thread(
            () -> {
              try {
                while (parent.read() != -1) {
                  // The parent never writes; end of stream means it is gone.
                }
              } catch (IOException ignored) {
                // Same as end of stream.
              }
              Runtime.getRuntime().halt(3);
            },
            "parent-watcher");
    watcher.setDaemon(true);
    watcher.start();
  }
}
