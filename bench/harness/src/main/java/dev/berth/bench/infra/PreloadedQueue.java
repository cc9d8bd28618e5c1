package dev.berth.bench.infra;

import dev.berth.api.JobSubmission;
import dev.berth.api.QueueStore;
import dev.berth.api.VersionedSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Puts jobs into a server's queue before the server starts, through the store plugin's own {@code
 * enqueue}. For SQLite the file is written on tmpfs ({@code /dev/shm}, where a commit costs no
 * fsync) and then copied into the server's data directory, since a million synchronous commits on
 * disk would take longer than the benchmark; the file is the same either way. For Redis the jobs go
 * straight into the benchmark's Redis.
 */
public final class PreloadedQueue {
  private PreloadedQueue() {}

  /** {@code count} CPU-only jobs of the bench executor's {@code template}. */
  public record Batch(String template, long count) {}

  /**
   * Fills the store of {@code server} with {@code batches}, in order, and sets {@code
   * scheduler.maxRunningJobs}.
   *
   * @param redis the Redis of a Redis store, else null
   * @return the elapsed nanoseconds of the enqueues
   */
  public static long fill(BenchLayout layout, Path scratch, ServerDir server, StoreKind store, RedisInstance redis,
      List<Batch> batches, int maxRunningJobs) throws Exception {
    ServerDir loader = ServerDir.fresh(store == StoreKind.SQLITE ? scratch : server.root().getParent(),
        server.root().getFileName() + "-loader");
    ServerConfig config = ServerConfig.bench(store, redis == null ? null : redis.url())
        .set("store.redis.testOnBorrow", false)
        .set("store.redis.maxConnections", 16);
    long nanos = 0;
    try {
      try (InProcessPlugins plugins = InProcessPlugins.open(layout, loader, config)) {
        QueueStore queue = plugins.extension(QueueStore.class, store.pluginId());
        for (Batch b : batches) {
          nanos += QueueFiller.fill(queue, QueueFiller.benchJob(b.template()), b.count(),
              b.count() == 1 ? 1 : store == StoreKind.SQLITE ? 2 : 8);
        }
        VersionedSettings current = queue.settings("scheduler");
        Map<String, String> values = new java.util.LinkedHashMap<>(current.values());
        values.put("maxRunningJobs", Integer.toString(maxRunningJobs));
        if (queue.putSettings("scheduler", values, current.version()).isEmpty()) {
          throw new IllegalStateException("could not set scheduler.maxRunningJobs in the preloaded store");
        }
      }
      if (store == StoreKind.SQLITE) {
        copyFolder(loader.sqliteFile().getParent(), server.sqliteFile().getParent());
      }
      return nanos;
    } finally {
      ServerDir.deleteTree(loader.root());
    }
  }

  /**
   * Fills the store of {@code server} with {@code count} jobs taken in turn from {@code rotation},
   * and stores the given settings sections' values over what they hold.
   */
  public static void fillMix(BenchLayout layout, Path scratch, ServerDir server, StoreKind store, RedisInstance redis,
      List<JobSubmission> rotation, long count, Map<String, Map<String, String>> settings) throws Exception {
    fillWith(layout, scratch, server, store, redis,
        queue -> QueueFiller.fillRotating(queue, rotation, count, store == StoreKind.SQLITE ? 2 : 8), settings);
  }

  /** What fills a store that a preloaded server then opens. */
  @FunctionalInterface
  public interface Filler {
    void fill(QueueStore queue) throws Exception;
  }

  /**
   * Fills the store of {@code server} with what {@code filler} queues, and stores the given
   * settings sections' values over what they hold.
   */
  public static void fillWith(BenchLayout layout, Path scratch, ServerDir server, StoreKind store, RedisInstance redis,
      Filler filler, Map<String, Map<String, String>> settings) throws Exception {
    ServerDir loader = ServerDir.fresh(store == StoreKind.SQLITE ? scratch : server.root().getParent(),
        server.root().getFileName() + "-loader");
    ServerConfig config = ServerConfig.bench(store, redis == null ? null : redis.url())
        .set("store.redis.testOnBorrow", false)
        .set("store.redis.maxConnections", 16);
    try {
      try (InProcessPlugins plugins = InProcessPlugins.open(layout, loader, config)) {
        QueueStore queue = plugins.extension(QueueStore.class, store.pluginId());
        filler.fill(queue);
        for (Map.Entry<String, Map<String, String>> section : settings.entrySet()) {
          VersionedSettings current = queue.settings(section.getKey());
          Map<String, String> values = new java.util.LinkedHashMap<>(current.values());
          values.putAll(section.getValue());
          if (queue.putSettings(section.getKey(), values, current.version()).isEmpty()) {
            throw new IllegalStateException("could not store settings " + section.getKey() + " in the preloaded store");
          }
        }
      }
      if (store == StoreKind.SQLITE) {
        copyFolder(loader.sqliteFile().getParent(), server.sqliteFile().getParent());
      }
    } finally {
      ServerDir.deleteTree(loader.root());
    }
  }

  /** Where a SQLite file is filled: tmpfs when there is one with room, else under {@code work}. */
  public static Path scratch(Path work) {
    Path shm = Path.of("/dev/shm");
    try {
      if (Files.isDirectory(shm) && Files.isWritable(shm) && Files.getFileStore(shm).getUsableSpace() > (4L << 30)) {
        return shm.resolve("berth-bench-" + ProcessHandle.current().pid());
      }
    } catch (IOException e) {
      // No tmpfs to use: fill on disk.
    }
    return work.resolve("scratch");
  }

  private static void copyFolder(Path from, Path to) {
    try (Stream<Path> files = Files.list(from)) {
      Files.createDirectories(to);
      for (Path f : files.toList()) {
        Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy the filled store from " + from + " to " + to, e);
    }
  }
}
