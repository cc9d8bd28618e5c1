package dev.berth.executor.argo;

import dev.berth.api.ExecutionPhase;
import dev.berth.api.ExecutionStatus;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

/**
 * What this Berth knows of each run's workflow (one per attempt of a job) beyond the cluster, kept under {@code
 * <dataDir>/runs/} so it outlives a restart and the workflow itself. The core stores no workflow
 * reference for a SCHEDULED job, so when Argo's TTL or retention deletes a workflow while Berth is
 * down, this record is what stops the reconciler's resubmission from running the job twice: a
 * workflow that was created once is never created again. It also keeps the last end Berth saw, so
 * a run that succeeded and was then garbage-collected is reported as succeeded.
 *
 * <p>Each record is one small file, written to a temporary file and moved into place, so a crash
 * leaves the old record or the new one.
 */
final class RunLedger {
  /** What the record says about the workflow. */
  record Entry(boolean created, String workflow, String uid, ExecutionStatus end) {}

  private final Path dir;

  RunLedger(Path dataDir) {
    this.dir = dataDir.toAbsolutePath().resolve("runs");
  }

  /**
   * The record of the run {@code runId} ({@link dev.berth.api.Job#runId()}: each attempt of a job
   * has its own) of the job submitted at {@code submittedAt}, if there is one.
   */
  Optional<Entry> find(String runId, Instant submittedAt) {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file(runId, submittedAt), StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the run record of run " + runId, e);
    }
    return Optional.of(new Entry(
        "true".equals(p.getProperty("created")), p.getProperty("workflow"), p.getProperty("uid"), end(runId, p)));
  }

  /** Records that the workflow {@code name} (uid {@code uid}, if known) exists for the job. */
  void created(String runId, Instant submittedAt, String name, String uid) {
    Properties p = load(runId, submittedAt);
    if ("true".equals(p.getProperty("created")) && (uid == null || uid.equals(p.getProperty("uid")))) {
      return;
    }
    p.setProperty("created", "true");
    p.setProperty("workflow", name);
    if (uid != null) {
      p.setProperty("uid", uid);
    }
    save(runId, submittedAt, p);
  }

  /** Records the end Berth saw; also marks the workflow as created. */
  void ended(String runId, Instant submittedAt, ExecutionStatus end) {
    Properties p = load(runId, submittedAt);
    if (end.phase().name().equals(p.getProperty("phase"))) {
      return;
    }
    p.setProperty("created", "true");
    if (end.executorRef() != null) {
      p.setProperty("workflow", end.executorRef());
    }
    p.setProperty("phase", end.phase().name());
    put(p, "exitCode", end.exitCode() == null ? null : end.exitCode().toString());
    put(p, "message", end.message());
    put(p, "startedAt", end.startedAt() == null ? null : end.startedAt().toString());
    put(p, "finishedAt", end.finishedAt() == null ? null : end.finishedAt().toString());
    save(runId, submittedAt, p);
  }

  private static ExecutionStatus end(String runId, Properties p) {
    String phase = p.getProperty("phase");
    if (phase == null) {
      return null;
    }
    String exit = p.getProperty("exitCode");
    return new ExecutionStatus(
        WorkflowIdentity.jobIdOf(runId),
        p.getProperty("workflow"),
        ExecutionPhase.valueOf(phase),
        exit == null ? null : Integer.valueOf(exit),
        p.getProperty("message"),
        TrainingPods.instant(p.getProperty("startedAt")),
        TrainingPods.instant(p.getProperty("finishedAt")),
        WorkflowIdentity.attemptOf(runId));
  }

  private static void put(Properties p, String key, String value) {
    if (value == null) {
      p.remove(key);
    } else {
      p.setProperty(key, value);
    }
  }

  private Properties load(String runId, Instant submittedAt) {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file(runId, submittedAt), StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (NoSuchFileException e) {
      // A new record.
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the run record of run " + runId, e);
    }
    return p;
  }

  private void save(String runId, Instant submittedAt, Properties p) {
    Path file = file(runId, submittedAt);
    try {
      Files.createDirectories(dir);
      Path temp = Files.createTempFile(dir, file.getFileName().toString(), ".part");
      try {
        try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
          p.store(out, null);
        }
        try {
          Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the run record of run " + runId + " in " + dir, e);
    }
  }

  private Path file(String runId, Instant submittedAt) {
    if (!WorkflowIdentity.isValidRunId(runId)) {
      throw new IllegalArgumentException("run id '" + runId + "' cannot name a file");
    }
    return dir.resolve(runId + "-" + submittedAt.toEpochMilli() + ".properties");
  }
}
