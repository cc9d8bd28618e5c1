package dev.berth.store.sqlite;

import dev.berth.api.JobState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;

/**
 * Counts that do not grow with the queue. The {@code job_counts} table (migration 3) holds an exact
 * count per state, kept by triggers in the transaction of every insert, state change and delete.
 */
final class JobCounts {
  /**
   * How many index entries a position may walk from the tail of the queue. A new job sits at the
   * tail, so its position costs one entry; a job this deep in the queue is counted directly.
   */
  static final int TAIL_SCAN_LIMIT = 10_000;

  private JobCounts() {}

  static Map<JobState, Long> byState(Connection connection) throws SQLException {
    Map<JobState, Long> counts = new EnumMap<>(JobState.class);
    try (PreparedStatement select = connection.prepareStatement("SELECT state, n FROM job_counts");
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        counts.put(Columns.getState(rows, "state"), rows.getLong("n"));
      }
    }
    return counts;
  }

  /**
   * The QUEUED jobs with an id below {@code id}: all QUEUED jobs minus those at or after {@code
   * id}. Both terms come from one statement, so from one snapshot of the file; a writer committing
   * in between cannot skew the difference.
   */
  static long queuedBefore(Connection connection, long id) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT (SELECT n FROM job_counts WHERE state = ?),"
                + " (SELECT COUNT(*) FROM"
                + " (SELECT 1 FROM jobs WHERE state = ? AND id >= ? LIMIT ?))")) {
      Columns.setState(select, 1, JobState.QUEUED);
      Columns.setState(select, 2, JobState.QUEUED);
      select.setLong(3, id);
      select.setInt(4, TAIL_SCAN_LIMIT + 1);
      try (ResultSet rows = select.executeQuery()) {
        rows.next();
        long queued = rows.getLong(1);
        long atOrAfter = rows.getLong(2);
        if (atOrAfter <= TAIL_SCAN_LIMIT) {
          return queued - atOrAfter;
        }
      }
    }
    return countDirectly(connection, id);
  }

  private static long countDirectly(Connection connection, long id) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT COUNT(*) FROM jobs WHERE state = ? AND id < ?")) {
      Columns.setState(select, 1, JobState.QUEUED);
      select.setLong(2, id);
      try (ResultSet rows = select.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }
}
