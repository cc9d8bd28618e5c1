package dev.berth.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Only Berth's user may enter the data directory and its secrets, whatever the umask. */
class DataDirectoryTest {
  @TempDir Path tmp;

  @Test
  void aNewDataDirectoryIs0700() throws IOException {
    Path dataDir = tmp.resolve("a/data");

    DataDirectory.prepare(dataDir);

    assertThat(mode(dataDir)).isEqualTo("rwx------");
  }

  @Test
  void anOpenDataDirectoryAndItsSecretsAreClosedAtStart() throws IOException {
    Path dataDir = Files.createDirectories(tmp.resolve("data"));
    Path secrets = Files.createDirectories(dataDir.resolve("secrets"));
    Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rwxrwxrwx"));

    DataDirectory.prepare(dataDir);

    assertThat(mode(dataDir)).isEqualTo("rwx------");
    assertThat(mode(secrets)).isEqualTo("rwx------");
  }

  @Test
  void secretsAreMade0700() throws IOException {
    Path dataDir = Files.createDirectories(tmp.resolve("data"));

    Path secrets = DataDirectory.createSecrets(dataDir);

    assertThat(mode(secrets)).isEqualTo("rwx------");
  }

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}
