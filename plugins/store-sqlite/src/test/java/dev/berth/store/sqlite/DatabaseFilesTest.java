package dev.berth.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The database holds password hashes and every job: only Berth's user may read its files. */
class DatabaseFilesTest {
  @TempDir Path dataDir;

  @Test
  void aNewDatabaseAndItsWalAndShmAre0600() throws IOException {
    try (SqliteQueueStore store = SqliteTestFiles.open(dataDir)) {
      store.countByState();
      Path db = SqliteTestFiles.databaseFile(dataDir);
      for (Path file : DatabaseFiles.companions(db)) {
        if (Files.exists(file)) {
          assertThat(mode(file)).as(file.toString()).isEqualTo("rw-------");
        }
      }
      assertThat(db.resolveSibling(db.getFileName() + "-wal")).exists();
    }
  }

  @Test
  void anOpenDatabaseLeftByAnEarlierStartIsClosed() throws IOException {
    SqliteTestFiles.open(dataDir).close();
    Path db = SqliteTestFiles.databaseFile(dataDir);
    Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-r--r--"));

    SqliteTestFiles.open(dataDir).close();

    assertThat(mode(db)).isEqualTo("rw-------");
  }

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}
