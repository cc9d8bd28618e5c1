package dev.berth.dist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Berth as a separate JVM started through the real launcher, so a test can kill -9 it. */
final class BerthProcess implements AutoCloseable {
  final Process process;
  final Http http;
  final Path log;

  private BerthProcess(Process process, int port, Path log) {
    this.process = process;
    this.http = new Http(port).asAdmin();
    this.log = log;
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs {@code berth <args>} to completion and returns its exit code; output goes to {@code log}. */
  static int run(Path log, String... args) throws IOException, InterruptedException {
    Process p = builder(log, args).start();
    return p.waitFor();
  }

  static ProcessBuilder builder(Path log, String... args) {
    Path home = Layout.home();
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dberth.home=" + home.toAbsolutePath(),
        "-cp", home.toAbsolutePath().resolve("lib") + "/*",
        "dev.berth.core.cli.Launcher"));
    cmd.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(cmd);
    // The first administrator's password, as the Helm chart passes it; the clients sign in with it.
    builder.environment().put("BERTH_ADMIN_PASSWORD", Http.ADMIN_PASSWORD);
    return builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
  }

  /** Starts {@code berth serve} and waits until it is ready. */
  static BerthProcess serve(Path config, Path dataDir, int port, Path log) throws IOException {
    return serve(config, dataDir, port, log, true);
  }

  /**
   * Starts {@code berth serve} and waits until it is ready; without {@code presetAdminPassword},
   * Berth makes up the first administrator's password itself (and {@link #http} cannot sign in).
   */
  static BerthProcess serve(Path config, Path dataDir, int port, Path log, boolean presetAdminPassword) throws IOException {
    return serve(config, dataDir, port, log, presetAdminPassword, java.util.Map.of());
  }

  /** Starts {@code berth serve} with {@code environment} added to the server's environment. */
  static BerthProcess serve(Path config, Path dataDir, int port, Path log, boolean presetAdminPassword,
      java.util.Map<String, String> environment) throws IOException {
    ProcessBuilder builder = builder(log, "serve", "--config", config.toString(), "--data-dir", dataDir.toString(),
        "--port", Integer.toString(port), "--host", "127.0.0.1");
    if (!presetAdminPassword) {
      builder.environment().remove("BERTH_ADMIN_PASSWORD");
    }
    builder.environment().putAll(environment);
    Process p = builder.start();
    BerthProcess b = new BerthProcess(p, port, log);
    try {
      Await.until("berth to be ready", Duration.ofSeconds(60), () -> {
        if (!p.isAlive()) {
          throw new AssertionError("berth exited with " + p.exitValue() + ": " + read(log));
        }
        return b.http.get("/readyz").status();
      }, s -> s == 200);
    } catch (AssertionError e) {
      p.destroyForcibly();
      throw new AssertionError(e.getMessage() + "\n--- berth log ---\n" + read(log), e);
    }
    return b;
  }

  static String read(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  /** SIGKILL: no shutdown hook runs, exactly like a crash or the OOM killer. */
  void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }
}
