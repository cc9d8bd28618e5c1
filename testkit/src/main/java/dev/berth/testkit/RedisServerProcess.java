package dev.berth.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} child process on a free port of 127.0.0.1, with its files in a
 * directory of the test's choosing, for tests of Redis-backed plugins. It never touches the
 * machine's own Redis. A test can stop it gracefully, kill it with {@code kill -9}, freeze it with
 * SIGSTOP, and start it again on the same port and directory, as an operator or a crash would.
 *
 * <pre>{@code
 * try (RedisServerProcess redis = RedisServerProcess.start(tempDir, RedisServerProcess.Options.durable())) {
 *   store = open(redis.url());
 *   redis.kill9();
 *   redis.restart();   // same port, same AOF: every acknowledged write is back
 * }
 * }</pre>
 *
 * <p>Snapshots are off ({@code --save ""}); durability comes only from the append-only file when
 * {@link Options#appendOnly()} is set. The binary is {@code redis-server} on the PATH, or the
 * system property {@code berth.redisServer}.
 */
public final class RedisServerProcess implements AutoCloseable {

  /** How long a start may take, an AOF replay included; only a guard against a hang. */
  private static final Duration READY_DEADLINE = Duration.ofSeconds(60);

  private final Path dir;
  private final int port;
  private final Options options;
  private final Thread killOnExit;
  private Process process;

  /**
   * How the server runs.
   *
   * @param appendOnly {@code appendonly yes}: writes survive a restart
   * @param appendFsync {@code always} (each write on disk before the reply) or {@code everysec}
   * @param password {@code requirepass}, or null for none
   * @param extraArguments more {@code --name value} arguments, passed as given
   */
  public record Options(boolean appendOnly, String appendFsync, String password, List<String> extraArguments) {
    public Options {
      extraArguments = List.copyOf(extraArguments);
    }

    /** No persistence at all: a restart starts empty. */
    public static Options ephemeral() {
      return new Options(false, "everysec", null, List.of());
    }

    /** AOF with {@code appendfsync always}: an acknowledged write survives even {@code kill -9}. */
    public static Options durable() {
      return new Options(true, "always", null, List.of());
    }

    public Options withPassword(String newPassword) {
      return new Options(appendOnly, appendFsync, newPassword, extraArguments);
    }

    public Options withArguments(String... more) {
      List<String> all = new ArrayList<>(extraArguments);
      all.addAll(List.of(more));
      return new Options(appendOnly, appendFsync, password, all);
    }
  }

  private RedisServerProcess(Path dir, int port, Options options) {
    this.dir = dir;
    this.port = port;
    this.options = options;
    this.killOnExit = new Thread(this::killQuietly, "redis-server-" + port + "-reaper");
  }

  /** Starts a server with its files in {@code dir} (created if missing) and waits until it answers PING. */
  public static RedisServerProcess start(Path dir, Options options) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
    RedisServerProcess server = new RedisServerProcess(dir.toAbsolutePath(), freePort(), options);
    Runtime.getRuntime().addShutdownHook(server.killOnExit);
    try {
      server.launch();
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  public int port() {
    return port;
  }

  public Path dir() {
    return dir;
  }

  /** {@code redis://127.0.0.1:<port>}, without the password. */
  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** The server's own log, for failure messages. */
  public String log() {
    Path log = dir.resolve("redis.log");
    try {
      return Files.exists(log) ? Files.readString(log) : "(no log yet)";
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  /** SIGTERM: Redis shuts down cleanly, flushing its append-only file. */
  public synchronized void stop() {
    if (isRunning()) {
      resume();
      process.destroy();
      awaitExit();
    }
  }

  /** SIGKILL: no flush, no goodbye, exactly like a crash or the OOM killer. */
  public synchronized void kill9() {
    if (isRunning()) {
      process.destroyForcibly();
      awaitExit();
    }
  }

  /** SIGSTOP: the server keeps its sockets open but answers nothing, as a hung or paused host. */
  public synchronized void pause() {
    signal("-STOP");
  }

  /** SIGCONT after {@link #pause()}. */
  public synchronized void resume() {
    signal("-CONT");
  }

  /** Starts the server again on the same port and directory, and waits until it answers. */
  public synchronized void restart() {
    if (isRunning()) {
      throw new IllegalStateException("redis-server on port " + port + " is still running");
    }
    launch();
  }

  /** Kills the server if it still runs. */
  @Override
  public synchronized void close() {
    killQuietly();
    try {
      Runtime.getRuntime().removeShutdownHook(killOnExit);
    } catch (IllegalStateException shuttingDown) {
      // The hook runs anyway.
    }
  }

  private void killQuietly() {
    Process p = process;
    if (p != null && p.isAlive()) {
      p.destroyForcibly();
      try {
        p.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void launch() {
    List<String> command = new ArrayList<>(List.of(
        System.getProperty("berth.redisServer", "redis-server"),
        "--port", Integer.toString(port),
        "--bind", "127.0.0.1",
        "--dir", dir.toString(),
        "--logfile", dir.resolve("redis.log").toString(),
        "--daemonize", "no",
        "--save", "",
        "--appendonly", options.appendOnly() ? "yes" : "no",
        "--appendfsync", options.appendFsync()));
    if (options.password() != null) {
      command.addAll(List.of("--requirepass", options.password()));
    }
    command.addAll(options.extraArguments());
    try {
      process = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.stdout").toFile()))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run redis-server (is it installed?)", e);
    }
    awaitReady();
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + READY_DEADLINE.toNanos();
    String last = "no answer yet";
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "redis-server on port " + port + " exited with " + process.exitValue() + ":\n" + log());
      }
      try {
        String reply = ping();
        // NOAUTH: it is up, and only wants the password this probe does not send.
        if (reply.startsWith("+PONG") || reply.startsWith("-NOAUTH")) {
          return;
        }
        last = reply;
      } catch (IOException e) {
        last = e.toString();
      }
      try {
        process.waitFor(50, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for redis-server", e);
      }
    }
    throw new IllegalStateException(
        "redis-server on port " + port + " did not answer PING within " + READY_DEADLINE + " (last: " + last
            + "):\n" + log());
  }

  /** One inline PING over a plain socket, so the testkit needs no Redis client library. */
  private String ping() throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      socket.setSoTimeout(1000);
      OutputStream out = socket.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      StringBuilder line = new StringBuilder();
      int c;
      while ((c = in.read()) != -1 && c != '\n') {
        line.append((char) c);
      }
      return line.toString().trim();
    }
  }

  private void awaitExit() {
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("redis-server on port " + port + " did not exit:\n" + log());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping redis-server", e);
    }
  }

  private void signal(String signal) {
    if (!isRunning()) {
      return;
    }
    try {
      Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill " + signal + " of redis-server " + process.pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
