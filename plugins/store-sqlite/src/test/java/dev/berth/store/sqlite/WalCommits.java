package dev.berth.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Counts commits by reading the write-ahead log, so a test can tell one transaction from many: each
 * commit ends with a frame that carries the database size (https://sqlite.org/fileformat2.html,
 * "WAL File Format"). Frames left from an earlier generation of the log have other salts.
 */
final class WalCommits {
  private static final int HEADER_BYTES = 32;
  private static final int FRAME_HEADER_BYTES = 24;

  private WalCommits() {}

  /** Checkpoints every commit into the database file and empties the log: counting starts at 0. */
  static void reset(Path databaseFile) throws SQLException {
    try (Connection raw = SqliteTestFiles.rawConnection(databaseFile);
        Statement statement = raw.createStatement();
        ResultSet row = statement.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
      row.next();
      assertThat(row.getInt(1)).as("checkpoint blocked by a reader or writer").isZero();
    }
  }

  /** The commits in the log since the last {@link #reset}. */
  static int count(Path databaseFile) throws IOException {
    Path wal = databaseFile.resolveSibling(databaseFile.getFileName() + "-wal");
    if (!Files.exists(wal) || Files.size(wal) < HEADER_BYTES) {
      return 0;
    }
    ByteBuffer log = ByteBuffer.wrap(Files.readAllBytes(wal));
    int pageSize = log.getInt(8);
    int salt1 = log.getInt(16);
    int salt2 = log.getInt(20);
    int commits = 0;
    for (int frame = HEADER_BYTES;
        frame + FRAME_HEADER_BYTES + pageSize <= log.capacity();
        frame += FRAME_HEADER_BYTES + pageSize) {
      boolean current = log.getInt(frame + 8) == salt1 && log.getInt(frame + 12) == salt2;
      if (current && log.getInt(frame + 4) != 0) {
        commits++;
      }
    }
    return commits;
  }
}
