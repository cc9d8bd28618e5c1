package dev.berth.executor.argo;

import dev.berth.api.Job;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;

/**
 * Copies of the logs of finished runs, under {@code <dataDir>/logs/}, so a job's log outlives its
 * pods (Argo's pod GC, a workflow TTL) and paging through it does not fetch it again each time.
 * Files are named after the job id and its submission time, so a job id reused after a fresh
 * database never shows an older job's log.
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

  /**
   * Saves the whole log of a finished run of the job {@code jobId} submitted at {@code
   * submittedAt}; written to a temporary file first, then moved, so readers never see half of it.
   */
  void save(String jobId, Instant submittedAt, String log) {
    Path file = file(jobId, submittedAt);
    try {
      Files.createDirectories(dir);
      Path temp = Files.createTempFile(dir, file.getFileName().toString(), ".part");
      try {
        Files.writeString(temp, log, StandardCharsets.UTF_8);
        move(temp, file);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the log of job " + jobId + " in " + dir, e);
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
    if (!WorkflowIdentity.isValidJobId(jobId)) {
      throw new IllegalArgumentException("job id '" + jobId + "' cannot name a file");
    }
    return dir.resolve(jobId + "-" + submittedAt.toEpochMilli() + ".log");
  }
}
