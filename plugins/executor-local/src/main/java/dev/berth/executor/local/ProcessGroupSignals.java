package dev.berth.executor.local;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * Stops a job's whole process group: SIGTERM at once, SIGKILL after the grace period. Java can only
 * signal single processes, so the signals go through the shell's {@code kill}.
 */
final class ProcessGroupSignals implements AutoCloseable {
  private static final String KILL_SCRIPT =
      "kill -s \"$1\" -- \"-$2\" 2>/dev/null || kill -s \"$1\" \"$2\" 2>/dev/null";

  private final ProcessTable processes;
  private final Duration grace;
  private final Logger log;
  private final ScheduledExecutorService escalations;

  ProcessGroupSignals(ProcessTable processes, Duration grace, Logger log) {
    this.processes = processes;
    this.grace = grace;
    this.log = log;
    this.escalations =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "berth-local-kill");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Sends SIGTERM to the group led by {@code pid} now, and SIGKILL after the grace period unless
   * the PID has meanwhile gone to another process. Returns at once.
   */
  void terminate(long pid, String processStart) {
    signal("TERM", pid);
    try {
      escalations.schedule(
          () -> {
            // Once the leader is gone its PID may be reused, but not while a process of the group
            // is left: only a different process under that PID proves the group is gone.
            if (!processes.isReusedByAnother(pid, processStart)) {
              signal("KILL", pid);
            }
          },
          grace.toMillis(),
          TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      log.debug("closed; not escalating the stop of process group {}", pid);
    }
  }

  /**
   * Signals the group; the process alone when no such group exists yet (a wrapper that has not
   * reached {@code setsid}).
   */
  private void signal(String signal, long pid) {
    try {
      Process kill =
          new ProcessBuilder("/bin/sh", "-c", KILL_SCRIPT, "berth-kill", signal, Long.toString(pid))
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      kill.getOutputStream().close();
      if (!kill.waitFor(5, TimeUnit.SECONDS)) {
        kill.destroyForcibly();
        log.warn("kill -{} of process group {} did not return", signal, pid);
      }
    } catch (IOException e) {
      log.warn("cannot send SIG{} to process group {}: {}", signal, pid, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Drops pending SIGKILLs: the host closes the executor without stopping jobs, and the next
   * instance resumes a stop it finds requested.
   */
  @Override
  public void close() {
    escalations.shutdownNow();
  }
}
