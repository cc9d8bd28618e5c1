package dev.berth.dist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code berth monitor} as a separate JVM started through the real launcher, so that a test can
 * kill it with SIGKILL as a node would die.
 */
final class MonitorProcess implements AutoCloseable {
  final Process process;
  final Http http;
  final Path log;
  final int port;

  private MonitorProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.http = new Http(port);
    this.log = log;
  }

  /**
   * A config file for a monitor whose probe runs {@code nvidiaSmi} and reads a still /proc (CPU
   * unknown, memory 25 % in use), so verdicts do not depend on how busy the build machine is.
   */
  static Path config(Path dir, String node, Path nvidiaSmi, long nvidiaSmiTimeoutMillis) {
    try {
      Files.createDirectories(dir);
      Path proc = stillProc(dir.resolve("proc"));
      Path config = dir.resolve("berth.yaml");
      Files.writeString(config, """
          probe:
            nvidia-smi:
              command: "%s"
              procRoot: "%s"
              node: "%s"
              useCgroup: "false"
              timeoutMillis: %d
          """.formatted(nvidiaSmi, proc, node, nvidiaSmiTimeoutMillis));
      return config;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** /proc/stat that never moves and /proc/meminfo with 24 of 32 GB available, in the kernel's format. */
  static Path stillProc(Path proc) throws IOException {
    Files.createDirectories(proc);
    Files.writeString(proc.resolve("stat"), """
        cpu  10000 500 3000 80000 1500 0 200 0 0 0
        cpu0 5000 250 1500 40000 750 0 100 0 0 0
        cpu1 5000 250 1500 40000 750 0 100 0 0 0
        btime 1767225600
        """);
    Files.writeString(proc.resolve("meminfo"), """
        MemTotal:       32000000 kB
        MemFree:        20000000 kB
        MemAvailable:   24000000 kB
        Buffers:          500000 kB
        Cached:          3500000 kB
        """);
    return proc;
  }

  /** Starts {@code berth monitor --config <config> <args>} on a free loopback port, sampling every second. */
  static MonitorProcess start(Path dir, Path config, String... args) {
    int port = BerthProcess.freePort();
    Path log = dir.resolve("monitor.log");
    List<String> all = new ArrayList<>(List.of("monitor", "--config", config.toString(),
        "--data-dir", dir.resolve("data").toString(), "--host", "127.0.0.1", "--port", Integer.toString(port),
        "--interval", "1"));
    all.addAll(List.of(args));
    Process p;
    try {
      Files.createDirectories(dir);
      p = BerthProcess.builder(log, all.toArray(String[]::new)).start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    MonitorProcess m = new MonitorProcess(p, port, log);
    try {
      Await.until("berth monitor to serve /status", Duration.ofSeconds(60), () -> {
        if (!p.isAlive()) {
          throw new AssertionError("berth monitor exited with " + p.exitValue() + ": " + BerthProcess.read(log));
        }
        return m.http.get("/status").status();
      }, s -> s == 200);
    } catch (AssertionError e) {
      p.destroyForcibly();
      throw new AssertionError(e.getMessage() + "\n--- monitor log ---\n" + BerthProcess.read(log), e);
    }
    return m;
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  /** SIGKILL: the node's monitor dies without a word. */
  void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }
}
