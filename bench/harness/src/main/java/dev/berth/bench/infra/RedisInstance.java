package dev.berth.bench.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private {@code redis-server} for one benchmark, on a free port, with its files in its own
 * folder, configured as docs/stores.md recommends for Berth ({@code appendonly yes}, {@code
 * appendfsync everysec}, {@code maxmemory-policy noeviction}, no RDB snapshots).
 */
public final class RedisInstance implements AutoCloseable {
  /** The persistence the benchmark runs Redis with, for the report. */
  public static final String SETTINGS = "appendonly yes, appendfsync everysec, noeviction, no RDB";

  private final Process process;
  private final int port;
  private final Path dir;

  private RedisInstance(Process process, int port, Path dir) {
    this.process = process;
    this.port = port;
    this.dir = dir;
  }

  /** Starts an empty Redis in {@code dir}, deleting whatever an earlier run left there. */
  public static RedisInstance start(Path dir) throws IOException {
    ServerDir.deleteTree(dir);
    Files.createDirectories(dir);
    int port = FreePort.pick();
    Process p = new ProcessBuilder(List.of("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
        "--dir", dir.toString(), "--logfile", dir.resolve("redis.log").toString(), "--daemonize", "no",
        "--save", "", "--appendonly", "yes", "--appendfsync", "everysec", "--maxmemory-policy", "noeviction"))
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.out").toFile()))
        .start();
    RedisInstance redis = new RedisInstance(p, port, dir);
    try {
      Deadline.await("redis-server on port " + port + " to answer PING", Duration.ofSeconds(60), Duration.ofMillis(20), () -> {
        if (!p.isAlive()) {
          throw new IllegalStateException("redis-server exited with " + p.exitValue());
        }
        try (RespClient c = new RespClient(port)) {
          return "PONG".equals(c.command("PING"));
        } catch (IOException e) {
          return false;
        }
      });
    } catch (RuntimeException e) {
      redis.close();
      throw e;
    }
    return redis;
  }

  public int port() {
    return port;
  }

  public Path dir() {
    return dir;
  }

  public String url() {
    return "redis://127.0.0.1:" + port + "/0";
  }

  /** Bytes Redis has allocated ({@code used_memory}). */
  public long usedMemory() throws IOException {
    try (RespClient c = new RespClient(port)) {
      return c.infoNumber("memory", "used_memory");
    }
  }

  /** Commands Redis has run since it started ({@code total_commands_processed}). */
  public long commandsProcessed() throws IOException {
    try (RespClient c = new RespClient(port)) {
      return c.infoNumber("stats", "total_commands_processed");
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
  }
}
