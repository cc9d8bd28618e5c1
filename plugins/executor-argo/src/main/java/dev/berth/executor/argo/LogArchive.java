package dev.berth.executor.argo;

import dev.berth.api.Job;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

/**
 * Copies of job logs under {@code <dataDir>/logs/}, so a job's log outlives its pods (Argo's pod
 * GC, a workflow TTL) and paging through it does not fetch it again each time. A running job's log
 * grows in {@code <job>.log.part}, appended to as it is read; when the run has ended and its last
 * lines are in, the file is moved to {@code <job>.log}, which is then complete. Files are named
 * after the job id and its submission time, so a job id reused after a fresh database never shows
 * an older job's log. Each attempt of a job is a run of its own with its own log: {@code 12-<time>.log}
 * for the first, {@code 12.2-<time>.log} for the second ({@link Job#runId()}).
 */
final class LogArchive {
  private final Path dir;

  LogArchive(Path dataDir) {
    this.dir = dataDir.toAbsolutePath().resolve("logs");
  }

  /** The kept log of {@code job}, if its run ended and its log was saved. */
  Optional<Path> find(Job job) {
    Path file = file(job.runId(), job.submittedAt());
    return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
  }

  /** The log of {@code job} kept so far while its run goes on, if any. */
  Optional<Path> findPartial(Job job) {
    Path file = partial(job.runId(), job.submittedAt());
    return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
  }

  /** Whether the log of this run is complete. */
  boolean isComplete(String runId, Instant submittedAt) {
    return Files.isRegularFile(file(runId, submittedAt));
  }

  /** Appends {@code text} to the growing log of a run. */
  void append(String runId, Instant submittedAt, String text) {
    if (text.isEmpty()) {
      return;
    }
    try {
      Files.createDirectories(dir);
      Files.writeString(partial(runId, submittedAt), text, StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the log of run " + runId + " in " + dir, e);
    }
  }

  /** The growing log, with {@code notice} appended when not null, becomes the complete one. */
  void complete(String runId, Instant submittedAt, String notice) {
    Path part = partial(runId, submittedAt);
    try {
      Files.createDirectories(dir);
      if (!Files.exists(part)) {
        Files.createFile(part);
      }
      if (notice != null) {
        String existing = Files.size(part) == 0 ? "" : lastByte(part) == '\n' ? "" : "\n";
        Files.writeString(part, existing + notice, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
      }
      move(part, file(runId, submittedAt));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the log of run " + runId + " in " + dir, e);
    }
  }

  /** Where the follow state of this run's log is kept. */
  Path stateFile(String runId, Instant submittedAt) {
    return dir.resolve(base(runId, submittedAt) + ".follow");
  }

  private static int lastByte(Path file) throws IOException {
    try (var channel = java.nio.channels.FileChannel.open(file, StandardOpenOption.READ)) {
      java.nio.ByteBuffer one = java.nio.ByteBuffer.allocate(1);
      channel.read(one, channel.size() - 1);
      return one.get(0);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private Path file(String runId, Instant submittedAt) {
    return dir.resolve(base(runId, submittedAt) + ".log");
  }

  private Path partial(String runId, Instant submittedAt) {
    return dir.resolve(base(runId, submittedAt) + ".log.part");
  }

  private static String base(String runId, Instant submittedAt) {
    if (!WorkflowIdentity.isValidRunId(runId)) {
      throw new IllegalArgumentException("run id '" + runId + "' cannot name a file");
    }
    return runId + "-" + submittedAt.toEpochMilli();
  }
}
