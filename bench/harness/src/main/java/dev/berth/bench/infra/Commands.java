package dev.berth.bench.infra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs short external commands (tool versions, redis-benchmark) and returns their output. */
public final class Commands {
  private Commands() {}

  /** The command's stdout and stderr, trimmed, or null when it cannot run or fails. */
  public static String outputOrNull(List<String> command) {
    try {
      Result r = run(command, 60);
      return r.exitCode() == 0 ? r.output().trim() : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** What a finished command printed and how it ended. */
  public record Result(int exitCode, String output) {}

  /**
   * Runs {@code command} to its end, at most {@code timeoutSeconds}.
   *
   * @throws IOException when it cannot start or does not end in time
   */
  public static Result run(List<String> command, long timeoutSeconds) throws IOException {
    java.nio.file.Path out = java.nio.file.Files.createTempFile("bench-command", ".out");
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(out.toFile()).start();
      try {
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new IOException(String.join(" ", command) + " did not end within " + timeoutSeconds + " s");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
        throw new IOException("interrupted while running " + command.get(0), e);
      }
      return new Result(p.exitValue(), java.nio.file.Files.readString(out, StandardCharsets.UTF_8));
    } finally {
      java.nio.file.Files.deleteIfExists(out);
    }
  }

  /** Whether {@code tool} is on the PATH. */
  public static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }
}
