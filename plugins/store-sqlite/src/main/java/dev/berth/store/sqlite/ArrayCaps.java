package dev.berth.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The cap of a job's array, checked inside the claim's write transaction: SQLite lets one writer at
 * a time, so the count and the claim that follows it are one atomic step for every process.
 */
final class ArrayCaps {
  private ArrayCaps() {}

  /** Whether the job is in a capped array that already has as many SCHEDULED or RUNNING jobs as its cap. */
  static boolean reached(Connection connection, long jobId) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT j.array_max_running, (SELECT COUNT(*) FROM jobs a WHERE a.array_id = j.array_id"
            + " AND a.state IN ('SCHEDULED', 'RUNNING')) FROM jobs j"
            + " WHERE j.id = ? AND j.array_id IS NOT NULL AND j.array_max_running IS NOT NULL")) {
      select.setLong(1, jobId);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() && rows.getInt(2) >= rows.getInt(1);
      }
    }
  }
}
