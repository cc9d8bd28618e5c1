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
 * an older job's log.
 */
final class LogArchive {
  private final Path dir;

  LogArchive(Path dataDir) {
    this.dir = dataDir.toAbsolutePath().resolve("logs");
  }

  /** The kept log of {@code job}, if its run ended and its log was saved. */
  Optional<Path> find(Job job) {
    Path file = file(job.id(), job.submittedAt());
    return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
  }

  /** The log of {@code job} kept so far while its run goes on, if any. */
  Optional<Path> findPartial(Job job) {
    Path file = partial(job.id(), job.submittedAt());
    return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
  }

  /** Whether the log of this run is complete. */
  boolean isComplete(String jobId, Instant submittedAt) {
    return Files.isRegularFile(file(jobId, submittedAt));
  }

  /** Appends {@code text} to the growing log of a run. */
  void append(String jobId, Instant submittedAt, String text) {
    if (text.isEmpty()) {
      return;
    }
    try {
      Files.createDirectories(dir);
      Files.writeString(partial(jobId, submittedAt), text, StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the log of job " + jobId + " in " + dir, e);
    }
  }

  /** The growing log, with {@code notice} appended when not null, becomes the complete one. */
  void complete(String jobId, Instant submittedAt, String notice) {
    Path part = partial(jobId, submittedAt);
    try {
      Files.createDirectories(dir);
      if (!Files.exists(part)) {
        Files.createFile(part);
      }
      if (notice != null) {
        String existing = Files.size(part) == 0 ? "" : lastByte(part) == '\n' ? "" : "\n";
        Files.writeString(part, existing + notice, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
      }
      move(part, file(jobId, submittedAt));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the log of job " + jobId + " in " + dir, e);
    }
  }

  /** Where the follow state of this run's log is kept. */
  Path stateFile(String jobId, Instant submittedAt) {
    return dir.resolve(base(jobId, submittedAt) + ".follow");
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

  private Path file(String jobId, Instant submittedAt) {
    return dir.resolve(base(jobId, submittedAt) + ".log");
  }

  private Path partial(String jobId, Instant submittedAt) {
    return dir.resolve(base(jobId, submittedAt) + ".log.part");
  }

  private static String base(String jobId, Instant submittedAt) {
    if (!WorkflowIdentity.isValidJobId(jobId)) {
      throw new IllegalArgumentException("job id '" + jobId + "' cannot name a file");
    }
    return jobId + "-" + submittedAt.toEpochMilli();
  }
}
