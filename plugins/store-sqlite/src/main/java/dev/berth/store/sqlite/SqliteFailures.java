package dev.berth.store.sqlite;

import dev.berth.api.StoreUnavailableException;
import java.nio.file.Path;
import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Sorts SQLite failures into "could not ask" (the host answers 503 and retries) and bugs. Only a
 * broken constraint or a misused API is a bug; locks held past the busy timeout, I/O errors, a full
 * disk, a corrupt or vanished file all mean the storage cannot answer now.
 */
final class SqliteFailures {
  private static final int SQLITE_MISMATCH = 20;
  private static final int SQLITE_CONSTRAINT = 19;
  private static final int SQLITE_MISUSE = 21;
  private static final int SQLITE_RANGE = 25;

  private SqliteFailures() {}

  static RuntimeException translate(String action, Path file, SQLException e) {
    String message = "sqlite store " + file + ": " + action + " failed: " + e.getMessage();
    return isBug(e)
        ? new IllegalStateException(message, e)
        : new StoreUnavailableException(message, e);
  }

  static StoreUnavailableException unavailable(
      String action, Path file, String why, Throwable cause) {
    return new StoreUnavailableException(
        "sqlite store " + file + ": " + action + " failed: " + why, cause);
  }

  private static boolean isBug(SQLException e) {
    if (!(e instanceof SQLiteException sqlite)) {
      return false;
    }
    SQLiteErrorCode code = sqlite.getResultCode();
    if (code == null || code.code < 0) {
      return false;
    }
    int primary = code.code & 0xff;
    return primary == SQLITE_CONSTRAINT
        || primary == SQLITE_MISMATCH
        || primary == SQLITE_MISUSE
        || primary == SQLITE_RANGE;
  }
}
