package dev.berth.bench.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM (Berth, the monitor, the bare Javalin baseline) started with the JVM options the
 * benchmark gives every server alike ({@code BENCH_SERVER_JAVA_OPTS}), its output in a log file.
 */
public final class JvmProcess implements AutoCloseable {
  private final Process process;
  private final Path log;
  private final long startedNanos;

  private JvmProcess(Process process, Path log, long startedNanos) {
    this.process = process;
    this.log = log;
    this.startedNanos = startedNanos;
  }

  /**
   * Starts {@code java <serverOptions> <extraJvmOptions> -cp <classPath> <mainClass> <args>}.
   *
   * @param environment variables added to the harness's own
   */
  public static JvmProcess start(String classPath, String mainClass, List<String> extraJvmOptions, List<String> args,
      Map<String, String> environment, Path log) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(serverJavaOptions());
    command.addAll(extraJvmOptions);
    command.add("-cp");
    command.add(classPath);
    command.add(mainClass);
    command.addAll(args);
    Files.createDirectories(log.getParent());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(environment);
    long t0 = System.nanoTime();
    return new JvmProcess(builder.start(), log, t0);
  }

  /** The options from {@code BENCH_SERVER_JAVA_OPTS}, split on spaces; none by default. */
  public static List<String> serverJavaOptions() {
    String opts = System.getenv("BENCH_SERVER_JAVA_OPTS");
    return opts == null || opts.isBlank() ? List.of() : List.of(opts.trim().split("\\s+"));
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** When {@link #start} launched it, by {@link System#nanoTime()}. */
  public long startedNanos() {
    return startedNanos;
  }

  public Path log() {
    return log;
  }

  /** The last lines of the log, for error messages. */
  public String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(log);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  /** Waits up to {@code millis} for the process to end by itself; true when it has. */
  public boolean awaitExit(long millis) throws InterruptedException {
    return process.waitFor(millis, TimeUnit.MILLISECONDS);
  }

  /** SIGTERM, then SIGKILL if it has not ended after 30 s. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
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
