package dev.berth.web;

import dev.berth.core.config.BerthConfig;
import dev.berth.core.config.ConfigLoader;
import dev.berth.core.server.BerthServer;
import dev.berth.core.server.BerthServices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A real Berth in this JVM with the web module registered through its ServiceLoader entry: the
 * bundled plugin jars (copied to target/test-plugins by the build) loaded by pf4j, SQLite in a fresh
 * data directory, real HTTP on a free port. The GPU is faked only at nvidia-smi, the host at /proc.
 */
final class WebBerth implements AutoCloseable {
  /** The first administrator's password, set the way the Helm chart does (BERTH_ADMIN_PASSWORD). */
  static final String ADMIN_PASSWORD = "admin-password-for-tests";
  final BerthServer server;
  /** A client signed in as the administrator (HTTP Basic). */
  final WebHttp http;
  /** A client with no credentials. */
  final WebHttp anonymous;
  final Path dir;
  private final ScheduledExecutorService procClock = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "fake-proc");
    t.setDaemon(true);
    return t;
  });

  private WebBerth(Path dir, Path nvidiaSmi, String extraYaml) {
    this(dir, nvidiaSmi, extraYaml, Map.of("BERTH_ADMIN_PASSWORD", ADMIN_PASSWORD));
  }

  private WebBerth(Path dir, Path nvidiaSmi, String extraYaml, Map<String, String> env) {
    this.dir = dir;
    FakeProc proc = FakeProc.install(dir.resolve("proc"));
    procClock.scheduleWithFixedDelay(proc::tick, 200, 200, TimeUnit.MILLISECONDS);
    String yaml = """
        probe:
          nvidia-smi:
            command: "%s"
            procRoot: "%s"
            useCgroup: "false"
        reconciler:
          intervalSeconds: 1
        %s
        """.formatted(nvidiaSmi, proc.root(), extraYaml);
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("berth.yaml"), yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    BerthConfig config = new ConfigLoader().load(dir.resolve("berth.yaml"), env,
        Map.of("server.port", 0, "server.host", "127.0.0.1", "dataDir", dir.resolve("data").toString()));
    server = BerthServer.start(config, Clock.systemUTC(), bundledPlugins());
    http = new WebHttp(server.port()).as("admin", ADMIN_PASSWORD);
    anonymous = new WebHttp(server.port());
  }

  /**
   * Starts Berth in {@code dir}: its probe runs {@code nvidiaSmi} (a stand-in, or a missing path for
   * a machine without GPUs) and reads a {@link FakeProc}; the reconciler polls every second;
   * {@code extraYaml} is added to the config file.
   */
  static WebBerth start(Path dir, Path nvidiaSmi, String extraYaml) {
    return new WebBerth(dir, nvidiaSmi, extraYaml);
  }

  /** Without a GPU, with {@code extraYaml} in the config and {@code env} as the environment. */
  static WebBerth withEnvironment(Path dir, String extraYaml, Map<String, String> env) {
    return new WebBerth(dir, dir.resolve("no-such/nvidia-smi"), extraYaml, env);
  }

  /** The same on a machine without nvidia-smi. */
  static WebBerth withoutGpus(Path dir) {
    return new WebBerth(dir, dir.resolve("no-such/nvidia-smi"), "");
  }

  static Path bundledPlugins() {
    Path dir = Path.of(System.getProperty("berth.test.plugins", "target/test-plugins"));
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException("plugin jars missing at " + dir + "; run the tests through Maven");
    }
    return dir;
  }

  BerthServices services() {
    return server.services();
  }

  String base() {
    return "http://127.0.0.1:" + server.port();
  }

  @Override
  public void close() {
    try {
      server.close();
    } finally {
      procClock.shutdownNow();
    }
  }
}
