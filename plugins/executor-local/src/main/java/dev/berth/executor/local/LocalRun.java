package dev.berth.executor.local;

import dev.berth.api.ExecutionPhase;
import dev.berth.api.ExecutionStatus;
import java.util.Optional;

/**
 * One started job, as its files and the process table describe it. Holds no state of its own but
 * the final status once seen, since a finished run never changes again.
 */
final class LocalRun {
  static final String VANISHED =
      "process vanished without an exit code (killed while Berth was down?)";

  private final RunRecord record;
  private final JobFiles files;
  private final ProcessTable processes;
  private volatile ExecutionStatus finalStatus;

  LocalRun(RunRecord record, JobFiles files, ProcessTable processes) {
    this.record = record;
    this.files = files;
    this.processes = processes;
  }

  RunRecord record() {
    return record;
  }

  JobFiles files() {
    return files;
  }

  boolean isFinished() {
    return status().phase().isFinished();
  }

  /** Whether the wrapper process still runs, the same one that was started. */
  boolean isProcessAlive() {
    return processes.isAlive(record.pid(), record.processStart());
  }

  ExecutionStatus status() {
    ExecutionStatus known = finalStatus;
    if (known != null) {
      return known;
    }
    // Liveness first: the wrapper writes the exit code before it exits, so a process seen dead
    // here has left its exit code, if it ever will, by the time the file is read below.
    boolean alive = isProcessAlive();
    Optional<JobFiles.ExitFile> exit = files.readExitCode();
    boolean cancelled = files.cancelRequested();
    boolean timedOut = files.timedOut();
    ExecutionStatus status;
    if (exit.isPresent() && (exit.get().code() != null || !alive)) {
      status = timedOut ? timedOut(exit.get().code(), exit.get()) : ended(exit.get(), cancelled);
    } else if (alive) {
      return running(); // a code without its newline is still being written
    } else if (timedOut) {
      status = timedOut(null, null);
    } else if (cancelled) {
      // SIGKILL after the grace period, or a SIGTERM before the wrapper set its trap, takes the
      // wrapper down before it can write a code.
      status =
          finished(ExecutionPhase.CANCELLED, null, "cancelled; killed without an exit code", null);
    } else {
      status = finished(ExecutionPhase.FAILED, null, VANISHED, null);
    }
    finalStatus = status;
    return status;
  }

  ExecutionStatus running() {
    return new ExecutionStatus(
        record.jobId(), record.ref(), ExecutionPhase.RUNNING, null, null, record.startedAt(), null,
        record.attempt());
  }

  /** Stopped at its time limit: whatever the code, a stop Berth made for the limit. */
  private ExecutionStatus timedOut(Integer code, JobFiles.ExitFile exit) {
    return finished(ExecutionPhase.TIMED_OUT, code, "stopped at its time limit", exit);
  }

  private ExecutionStatus ended(JobFiles.ExitFile exit, boolean cancelled) {
    Integer code = exit.code();
    if (cancelled) {
      return finished(
          ExecutionPhase.CANCELLED,
          code,
          code == null ? "cancelled" : "cancelled (exit code " + code + ")",
          exit);
    }
    if (code == null) {
      return finished(ExecutionPhase.FAILED, null, "unreadable exit code file", exit);
    }
    return code == 0
        ? finished(ExecutionPhase.SUCCEEDED, 0, null, exit)
        : finished(ExecutionPhase.FAILED, code, "exit code " + code, exit);
  }

  /** The exit-code file's time is when the job ended, even if Berth was down then. */
  private ExecutionStatus finished(
      ExecutionPhase phase, Integer code, String message, JobFiles.ExitFile exit) {
    return new ExecutionStatus(
        record.jobId(),
        record.ref(),
        phase,
        code,
        message,
        record.startedAt(),
        exit == null ? null : exit.writtenAt(),
        record.attempt());
  }
}
