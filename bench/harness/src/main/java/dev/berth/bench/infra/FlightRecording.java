package dev.berth.bench.infra;

import dev.berth.bench.report.JfrSummary;
import dev.berth.bench.report.Results;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A JFR recording of a running server over one measurement only (not its start-up), started and
 * dumped with {@code jcmd}; on close its execution samples are summarised into the results.
 * Without {@code --profile} it records nothing.
 */
public final class FlightRecording implements AutoCloseable {
  private final long pid;
  private final Path file;
  private final String name;
  private final Results results;
  private final boolean active;

  private FlightRecording(long pid, Path file, String name, Results results, boolean active) {
    this.pid = pid;
    this.file = file;
    this.name = name;
    this.results = results;
    this.active = active;
  }

  /** Starts recording process {@code pid} now, into {@code file}, when {@code enabled}. */
  public static FlightRecording start(boolean enabled, long pid, Path file, String name, Results results)
      throws IOException {
    if (enabled) {
      jcmd(pid, "JFR.start", "name=bench", "settings=profile", "filename=" + file);
    }
    return new FlightRecording(pid, file, name, results, enabled);
  }

  /** Stops the recording, writes it, and adds the summary of its top frames to the results. */
  @Override
  public void close() {
    if (!active) {
      return;
    }
    try {
      jcmd(pid, "JFR.stop", "name=bench", "filename=" + file);
      if (Files.exists(file)) {
        results.profile(name, JfrSummary.summarize(file, 15));
      }
    } catch (IOException | RuntimeException e) {
      results.note("profiles", "profile " + name + " not recorded: " + e);
    }
  }

  private static void jcmd(long pid, String... command) throws IOException {
    List<String> args = new java.util.ArrayList<>();
    args.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
    args.add(Long.toString(pid));
    args.addAll(List.of(command));
    Commands.Result r = Commands.run(args, 120);
    if (r.exitCode() != 0) {
      throw new IOException("jcmd " + String.join(" ", command) + " failed: " + r.output());
    }
  }
}
