package dev.berth.bench.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code berth serve} as a child JVM started from the benchmark's layout, exactly as {@code ./berth
 * serve} starts it: the launcher class, {@code -Dberth.home}, the config file, a data directory and
 * a port. Measures how long it took from the process's start until {@code /readyz} answered 200.
 */
public final class ServerUnderTest implements AutoCloseable {
  private static final Duration READY_DEADLINE = Duration.ofMinutes(5);

  private final JvmProcess process;
  private final ServerDir dir;
  private final int port;
  private final ControlClient control;
  private final Duration startup;

  private ServerUnderTest(JvmProcess process, ServerDir dir, int port, ControlClient control, Duration startup) {
    this.process = process;
    this.dir = dir;
    this.port = port;
    this.control = control;
    this.startup = startup;
  }

  /**
   * Writes {@code config} into {@code dir} and starts Berth on it; returns once it is ready.
   *
   * @param extraJvmOptions added after {@code BENCH_SERVER_JAVA_OPTS} (a flight recording, say)
   */
  public static ServerUnderTest start(BenchLayout layout, ServerDir dir, ServerConfig config, Auth auth,
      List<String> extraJvmOptions) {
    config.write(dir.configFile());
    int port = FreePort.pick();
    List<String> jvm = new ArrayList<>();
    jvm.add("-Dberth.home=" + layout.berthHome());
    jvm.addAll(extraJvmOptions);
    JvmProcess p;
    try {
      p = JvmProcess.start(layout.launcherClassPath(), "dev.berth.core.cli.Launcher", jvm,
          List.of("serve", "--config", dir.configFile().toString(), "--data-dir", dir.dataDir().toString(),
              "--port", Integer.toString(port), "--host", "127.0.0.1"),
          Map.of(), dir.log());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start berth serve", e);
    }
    ControlClient control = new ControlClient(port, auth);
    try {
      Deadline.await("berth serve to be ready on port " + port, READY_DEADLINE, Duration.ofMillis(5), () -> {
        if (!p.isAlive()) {
          throw new IllegalStateException("berth serve exited:\n" + p.logTail(30));
        }
        return control.get("/readyz").status() == 200;
      });
    } catch (RuntimeException e) {
      String tail = p.logTail(40);
      p.close();
      throw new IllegalStateException(e.getMessage() + "\n--- " + dir.log() + " ---\n" + tail, e);
    }
    Duration startup = Duration.ofNanos(System.nanoTime() - p.startedNanos());
    return new ServerUnderTest(p, dir, port, control, startup);
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  public ServerDir dir() {
    return dir;
  }

  public ControlClient control() {
    return control;
  }

  /** From the process's start to the first 200 of {@code /readyz}. */
  public Duration startup() {
    return startup;
  }

  public double rssMiB() {
    return Machine.rssMiB(process.pid());
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Stops Berth with SIGTERM (its shutdown hook closes the store and flushes a recording). */
  @Override
  public void close() {
    process.close();
  }
}
