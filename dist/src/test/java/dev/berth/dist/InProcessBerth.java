package dev.berth.dist;

import dev.berth.core.config.BerthConfig;
import dev.berth.core.config.ConfigLoader;
import dev.berth.core.server.BerthServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * A Berth server in this JVM, loading the real bundled plugin jars through pf4j from a fresh data
 * directory, listening on a free port.
 */
final class InProcessBerth implements AutoCloseable {
  final BerthServer server;
  final Http http;
  final Path dir;

  private InProcessBerth(Path dir, String yaml, Clock clock) {
    this.dir = dir;
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("berth.yaml"), yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    BerthConfig config = new ConfigLoader().load(dir.resolve("berth.yaml"), Map.of("BERTH_ADMIN_PASSWORD", Http.ADMIN_PASSWORD),
        Map.of("server.port", 0, "server.host", "127.0.0.1", "dataDir", dir.resolve("data").toString()));
    server = BerthServer.start(config, clock, Layout.bundledPlugins());
    http = new Http(server.port()).asAdmin();
  }

  /** Starts Berth with {@code yaml} as its config file (data dir and port are set here). */
  static InProcessBerth start(Path dir, String yaml) {
    return new InProcessBerth(dir, yaml, Clock.systemUTC());
  }

  /** The same, with Berth's time coming from {@code clock} (a SettableClock, say). */
  static InProcessBerth start(Path dir, String yaml, Clock clock) {
    return new InProcessBerth(dir, yaml, clock);
  }

  /** A config whose probe runs {@code nvidiaSmi} and whose reconciler polls every second. */
  static String config(Path nvidiaSmi) {
    return """
        probe:
          nvidia-smi:
            command: "%s"
            procRoot: "%s"
            useCgroup: "false"
        reconciler:
          intervalSeconds: 1
        """.formatted(nvidiaSmi, standInProc(nvidiaSmi.getParent().resolveSibling("proc")));
  }

  /**
   * A stand-in {@code /proc} beside the test's files: memory at 35 %, and CPU counters that do not
   * move, which the probe reports as "CPU unknown" (never a reason). The tests then judge the
   * scheduling, not how busy the CI machine happens to be; the probe's own tests cover the real
   * arithmetic.
   */
  static Path standInProc(Path dir) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("meminfo"),
          "MemTotal:       16384000 kB\nMemFree:         9000000 kB\nMemAvailable:   10649600 kB\n");
      Files.writeString(dir.resolve("stat"), "cpu  1000 0 0 10000 0 0 0 0 0 0\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }

  @Override
  public void close() {
    server.close();
  }
}
