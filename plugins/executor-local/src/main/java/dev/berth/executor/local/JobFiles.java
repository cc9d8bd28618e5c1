package dev.berth.executor.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/** The files of one job under {@code <dataDir>/jobs/<id>/}, and how each is read and written. */
final class JobFiles {
  /** Job ids are decimal; anything that could climb out of the jobs directory is refused. */
  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  /** Only Berth may open a job's files; the API serves its log to those allowed to see it. */
  static final Set<PosixFilePermission> PRIVATE_DIR = PosixFilePermissions.fromString("rwx------");

  static final Set<PosixFilePermission> PRIVATE_FILE = PosixFilePermissions.fromString("rw-------");

  private final Path dir;

  private JobFiles(Path dir) {
    this.dir = dir;
  }

  static boolean isSafeId(String jobId) {
    return SAFE_ID.matcher(jobId).matches();
  }

  /**
   * @throws IllegalArgumentException when {@code jobId} is not {@linkplain #isSafeId safe}
   */
  static JobFiles of(Path jobsRoot, String jobId) {
    if (!isSafeId(jobId)) {
      throw new IllegalArgumentException("job id '" + jobId + "' cannot name a directory");
    }
    return new JobFiles(jobsRoot.resolve(jobId));
  }

  Path dir() {
    return dir;
  }

  /** Everything the job prints, stdout and stderr together. */
  Path log() {
    return dir.resolve("output.log");
  }

  /** Written by the wrapper when the job's command ends: the exit code, then a newline. */
  Path exitCode() {
    return dir.resolve("exit-code");
  }

  private Path record() {
    return dir.resolve("run.properties");
  }

  private Path cancelMarker() {
    return dir.resolve("cancel-requested");
  }

  private Path timeoutMarker() {
    return dir.resolve("timed-out");
  }

  boolean hasRecord() {
    return Files.exists(record());
  }

  /** Empty when the job was never started here. */
  Optional<RunRecord> readRecord() throws IOException {
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(record())) {
      p.load(in);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    try {
      return Optional.of(RunRecord.fromProperties(p));
    } catch (IllegalArgumentException e) {
      throw new IOException(record() + ": " + e.getMessage(), e);
    }
  }

  /** Atomic, so that a crash leaves either no record or a whole one. */
  void writeRecord(RunRecord run) throws IOException {
    Path tmp = dir.resolve("run.properties.tmp");
    try (OutputStream out = Files.newOutputStream(tmp)) {
      run.toProperties().store(out, "Berth local executor run of job " + run.jobId());
    }
    moveAtomically(tmp, record());
  }

  /**
   * Prepares the directory for a first start, removing what a launch that died before writing its
   * record may have left.
   */
  void prepareForLaunch() throws IOException {
    // Not createDirectories: a missing jobs directory must not come back with the umask's mode.
    try {
      Files.createDirectory(dir);
    } catch (FileAlreadyExistsException e) {
      if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
        throw e;
      }
    }
    restrictAccess();
    Files.deleteIfExists(exitCode());
    Files.deleteIfExists(cancelMarker());
    Files.deleteIfExists(timeoutMarker());
    if (!Files.exists(log())) {
      // Made here with its mode: the wrapper's redirect would create it readable by everyone.
      Files.createFile(log(), PosixFilePermissions.asFileAttribute(PRIVATE_FILE));
    }
  }

  /**
   * Sets the modes whatever the umask was, also on what an older version left: the directory 0700,
   * the log 0600.
   */
  void restrictAccess() throws IOException {
    Files.setPosixFilePermissions(dir, PRIVATE_DIR);
    if (Files.exists(log())) {
      Files.setPosixFilePermissions(log(), PRIVATE_FILE);
    }
  }

  /** The exit code and when it was written; empty while the job runs or if it never got one. */
  Optional<ExitFile> readExitCode() {
    try {
      String text = Files.readString(exitCode(), StandardCharsets.UTF_8);
      FileTime written = Files.getLastModifiedTime(exitCode());
      // Without its newline the wrapper is still writing it (or died doing so): no code yet.
      Integer code = text.endsWith("\n") ? parseCode(text.trim()) : null;
      return Optional.of(new ExitFile(code, written.toInstant()));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  boolean cancelRequested() {
    return Files.exists(cancelMarker());
  }

  void markCancelRequested(Instant at) throws IOException {
    Files.writeString(cancelMarker(), at + "\n", StandardCharsets.UTF_8);
  }

  /** Whether Berth stopped the run at its time limit; written before the first signal. */
  boolean timedOut() {
    return Files.exists(timeoutMarker());
  }

  void markTimedOut(Instant at) throws IOException {
    Files.writeString(timeoutMarker(), at + "\n", StandardCharsets.UTF_8);
  }

  private static Integer parseCode(String text) {
    try {
      return Integer.valueOf(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static void moveAtomically(Path from, Path to) throws IOException {
    // A rename inside one directory: atomic, and it replaces an existing target.
    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * The content of the exit-code file.
   *
   * @param code null when the file does not hold a number
   * @param writtenAt when the wrapper wrote it, which is when the job ended
   */
  record ExitFile(Integer code, Instant writtenAt) {}
}
