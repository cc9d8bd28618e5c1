package dev.berth.core.cli.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsFileTest {
  @TempDir Path tmp;

  @Test
  void writesTheFileForTheUserOnlyInAFolderForTheUserOnly() throws Exception {
    CredentialsFile file = new CredentialsFile(tmp.resolve("berth/credentials"));
    file.write(new Credentials("http://gpu-box:8081", "berth_secret", "abc", "alice"));

    assertThat(Files.getPosixFilePermissions(file.path())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.getPosixFilePermissions(file.path().getParent())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
    assertThat(file.read()).contains(new Credentials("http://gpu-box:8081", "berth_secret", "abc", "alice"));
    try (var files = Files.list(file.path().getParent())) {
      assertThat(files).containsExactly(file.path());
    }
  }

  @Test
  void refusesAFileTheGroupOrOthersCanRead() throws Exception {
    CredentialsFile file = new CredentialsFile(tmp.resolve("credentials"));
    file.write(new Credentials("http://h", "t", null, null));
    for (String mode : new String[] {"rw-r-----", "rw----r--", "rw--w----"}) {
      Files.setPosixFilePermissions(file.path(), PosixFilePermissions.fromString(mode));
      assertThatThrownBy(file::read).isInstanceOf(CliFailure.class).hasMessageContaining(mode).hasMessageContaining("chmod 600");
    }
  }

  @Test
  void aMissingFileIsNoCredentialsAndTheConfigDirectoryCanBeMoved() {
    assertThat(new CredentialsFile(tmp.resolve("none")).read()).isEmpty();
    assertThat(CredentialsFile.locate(Map.of("BERTH_CONFIG_DIR", "/etc/b"), "/home/a")).isEqualTo(Path.of("/etc/b/credentials"));
    assertThat(CredentialsFile.locate(Map.of(), "/home/a")).isEqualTo(Path.of("/home/a/.config/berth/credentials"));
  }
}
