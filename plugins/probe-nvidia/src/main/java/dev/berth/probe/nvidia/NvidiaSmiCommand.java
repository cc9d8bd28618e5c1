package dev.berth.probe.nvidia;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the nvidia-smi query once, within a deadline.
 *
 * <p>Output goes to scratch files rather than pipes: a pipe would block the reader for as long as
 * any process the command forked keeps it open, even after the command itself was killed, while a
 * file can be read the moment the command is gone.
 */
final class NvidiaSmiCommand {

  /** The query whose rows {@link NvidiaSmiOutputParser} reads, column for column. */
  static final List<String> QUERY_ARGUMENTS =
      List.of(
          "--query-gpu=index,uuid,name,memory.used,memory.total,utilization.gpu,power.draw,"
              + "temperature.gpu,clocks.sm,clocks_throttle_reasons.active",
          "--format=csv,noheader,nounits");

  // nvidia-smi prints a few hundred bytes per GPU; more than this is not nvidia-smi talking.
  private static final int MAX_OUTPUT_BYTES = 1 << 20;
  private static final Duration REAP_GRACE = Duration.ofSeconds(1);
  private static final Pattern START_ERROR = Pattern.compile("error=(\\d+), (.+)");
  private static final String ENOENT = "2";

  private final List<String> argv;
  private final Duration timeout;
  private final Path scratchDir;

  NvidiaSmiCommand(List<String> commandPrefix, Duration timeout, Path scratchDir) {
    List<String> full = new ArrayList<>(commandPrefix);
    full.addAll(QUERY_ARGUMENTS);
    this.argv = List.copyOf(full);
    this.timeout = timeout;
    this.scratchDir = scratchDir;
  }

  /** Runs the query; fails when it cannot start, does not finish in time, or is interrupted. */
  CommandOutput run() throws ProbeFailure {
    Path stdout = null;
    Path stderr = null;
    try {
      stdout = scratchFile(".stdout");
      stderr = scratchFile(".stderr");
      Process process = start(stdout, stderr);
      int exitCode = awaitExit(process);
      return new CommandOutput(read(stdout), read(stderr), exitCode);
    } finally {
      deleteQuietly(stdout);
      deleteQuietly(stderr);
    }
  }

  private Process start(Path stdout, Path stderr) throws ProbeFailure {
    ProcessBuilder builder =
        new ProcessBuilder(argv)
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile());
    // Decimal points, not commas, whatever the host's locale.
    builder.environment().put("LC_ALL", "C");
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw startFailure(e);
    }
    try {
      // nvidia-smi reads no input; closing it makes anything that tries see end of file at once.
      process.getOutputStream().close();
    } catch (IOException e) {
      // Only the pipe to a process that already exited can fail to close; nothing to undo.
    }
    return process;
  }

  private ProbeFailure startFailure(IOException e) {
    String message = String.valueOf(e.getMessage());
    Matcher matcher = START_ERROR.matcher(message);
    boolean hasErrno = matcher.find();
    if (hasErrno && matcher.group(1).equals(ENOENT)) {
      String program = argv.get(0);
      String suffix = program.equals(NvidiaSmiProbeConfig.DEFAULT_COMMAND) ? "" : ": " + program;
      return new ProbeFailure("nvidia-smi not found" + suffix, e);
    }
    String reason = hasErrno ? matcher.group(2) : message;
    return new ProbeFailure("nvidia-smi could not be started: " + reason, e);
  }

  private int awaitExit(Process process) throws ProbeFailure {
    try {
      if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        return process.exitValue();
      }
      kill(process);
      throw new ProbeFailure("nvidia-smi timed out after " + timeout.toMillis() + " ms");
    } catch (InterruptedException e) {
      kill(process);
      Thread.currentThread().interrupt();
      throw new ProbeFailure("nvidia-smi was interrupted", e);
    }
  }

  /** Kills the command and whatever it started (listed first: orphans cannot be found later). */
  private static void kill(Process process) {
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
    try {
      // Reap it, so no zombie is left behind; SIGKILL makes this quick.
      process.waitFor(REAP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Path scratchFile(String suffix) throws ProbeFailure {
    try {
      return Files.createTempFile(scratchDir, "nvidia-smi-", suffix);
    } catch (IOException e) {
      throw new ProbeFailure(
          "nvidia-smi could not be run: no scratch file in " + scratchDir + ": " + e, e);
    }
  }

  private static String read(Path file) throws ProbeFailure {
    try (InputStream in = Files.newInputStream(file)) {
      // Lenient decoding: a stray byte must not cost the whole sample.
      return new String(in.readNBytes(MAX_OUTPUT_BYTES), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ProbeFailure("nvidia-smi output could not be read: " + e, e);
    }
  }

  private static void deleteQuietly(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // A leftover scratch file is harmless; the next run uses new names.
    }
  }
}
