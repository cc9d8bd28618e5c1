package dev.berth.executor.local;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Starts a job's command in its own session and process group, through {@code setsid} and a {@code
 * /bin/sh} wrapper that survives Berth, records the exit code, and forwards SIGTERM.
 *
 * <p>The command's arguments reach the wrapper as separate arguments and run as {@code "$@"}: no
 * job value is ever parsed by a shell. The command starts with a {@link JobEnvironment clean
 * environment}, and with a run-as user it alone runs as that user, through {@code setpriv}; the
 * wrapper stays Berth's, so the exit code file is Berth's to write.
 *
 * <p>Starting takes two steps. {@link #spawn} starts the wrapper, which then waits on its stdin;
 * {@link #release} lets it run the command. In between, the caller records the run, so that a crash
 * at any point leaves either a recorded run or a wrapper that exits without running anything: a job
 * never runs unrecorded, and never runs twice.
 */
final class ProcessLauncher {
  private final JobEnvironment environment;
  private final Optional<RunAsUser> runAs;

  ProcessLauncher(JobEnvironment environment, Optional<RunAsUser> runAs) {
    this.environment = environment;
    this.runAs = runAs;
  }

  /** Exit status of a wrapper that was never released. */
  static final int NOT_RELEASED = 125;

  private static final String WRAPPER =
      """
      exit_file=$1
      shift
      IFS= read -r go || exit 125
      [ "$go" = go ] || exit 125
      "$@" </dev/null &
      child=$!
      trap 'kill -TERM "$child" 2>/dev/null' TERM
      wait "$child"
      code=$?
      # A status over 128 is a trapped signal interrupting wait, or the child killed by a signal.
      # Wait again while the child is there; 127 then means the first wait had collected it.
      while [ "$code" -gt 128 ] && kill -0 "$child" 2>/dev/null; do
        wait "$child"
        next=$?
        [ "$next" -eq 127 ] && break
        code=$next
      done
      umask 077
      # Written in place, not through mv: one process less between two jobs. A reader takes the
      # file as written only once it ends in a newline, and believes a living wrapper over it.
      printf '%s\\n' "$code" >"$exit_file"
      exit "$code"
      """;

  /**
   * Starts the wrapper for {@code plan} in {@code workDir}, appending its output to the job's log.
   * The command itself does not start before {@link #release}.
   */
  Process spawn(String jobId, LaunchPlan plan, Path workDir, JobFiles files) throws IOException {
    List<String> command = new ArrayList<>();
    command.add("setsid");
    command.add("/bin/sh");
    command.add("-c");
    command.add(WRAPPER);
    command.add("berth-job-" + jobId);
    command.add(files.exitCode().toAbsolutePath().toString());
    runAs.ifPresent(user -> command.addAll(user.commandPrefix()));
    command.addAll(plan.argv());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            // O_APPEND: a restarted or re-adopted run adds to the log, never overwrites it.
            .redirectOutput(Redirect.appendTo(files.log().toAbsolutePath().toFile()));
    // Nothing of Berth's own environment is inherited but what JobEnvironment lets through.
    builder.environment().clear();
    builder.environment().putAll(environment.forJob(plan.environment()));
    return builder.start();
  }

  /** Lets a spawned wrapper run its command. */
  void release(Process wrapper) throws IOException {
    try (OutputStream stdin = wrapper.getOutputStream()) {
      stdin.write("go\n".getBytes(StandardCharsets.US_ASCII));
    }
  }

  /** Makes a spawned wrapper exit without running its command. */
  void abort(Process wrapper) {
    try {
      wrapper.getOutputStream().close();
    } catch (IOException e) {
      // Closing fails only when the wrapper is already gone, which is what we want.
    }
    wrapper.destroyForcibly();
  }
}
