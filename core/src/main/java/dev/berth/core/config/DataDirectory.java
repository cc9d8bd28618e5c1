package dev.berth.core.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Berth's data directory: the database, job logs and {@code secrets/}. Only Berth's user may enter
 * it, whatever the umask, so neither a job running as another user nor a local login can read them.
 */
public final class DataDirectory {
  /** rwx------: the mode of the data directory and of {@code secrets/}. */
  public static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rwx------");

  private DataDirectory() {}

  /**
   * Creates {@code dataDir} if needed and sets it, and {@code secrets/} when there, to 0700; also
   * when an older version or a hand-made directory left them open.
   *
   * @throws UncheckedIOException when it cannot be created or restricted
   */
  public static void prepare(Path dataDir) {
    try {
      Files.createDirectories(dataDir);
      Files.setPosixFilePermissions(dataDir, PRIVATE);
      Path secrets = secrets(dataDir);
      if (Files.isDirectory(secrets)) {
        Files.setPosixFilePermissions(secrets, PRIVATE);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("data directory " + dataDir + " cannot be created or made private", e);
    }
  }

  /** Where Berth keeps secrets it made up, such as the first administrator's password. */
  public static Path secrets(Path dataDir) {
    return dataDir.resolve("secrets");
  }

  /** Creates {@code secrets/} with mode 0700. */
  public static Path createSecrets(Path dataDir) throws IOException {
    Path secrets = Files.createDirectories(secrets(dataDir));
    Files.setPosixFilePermissions(secrets, PRIVATE);
    return secrets;
  }
}
