package dev.berth.store.sqlite;

import dev.berth.api.JobEvent;
import dev.berth.api.JobState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Each job's append-only history, numbered 1, 2, 3… within the job. */
final class EventTable {
  private EventTable() {}

  /** Appends the job's next event; call inside the write transaction that made the change. */
  static JobEvent append(
      Connection connection,
      long jobId,
      Instant at,
      JobState from,
      JobState to,
      String actor,
      String message)
      throws SQLException {
    long sequence = nextSequence(connection, jobId);
    try (PreparedStatement insert = prepareAppend(connection)) {
      append(insert, jobId, sequence, at, from, to, actor, message);
    }
    return new JobEvent(JobIds.format(jobId), sequence, at, from, to, actor, message);
  }

  /** The statement of {@link #append}, for a caller that appends for many jobs. */
  static PreparedStatement prepareAppend(Connection connection) throws SQLException {
    return connection.prepareStatement(
        "INSERT INTO job_events (job_id, sequence, at, from_state, to_state, actor, message)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)");
  }

  /** Runs {@code insert} for one event numbered {@code sequence}. */
  static void append(PreparedStatement insert, long jobId, long sequence, Instant at, JobState from,
      JobState to, String actor, String message) throws SQLException {
    insert.setLong(1, jobId);
    insert.setLong(2, sequence);
    Columns.setInstant(insert, 3, at);
    Columns.setState(insert, 4, from);
    Columns.setState(insert, 5, to);
    insert.setString(6, actor);
    insert.setString(7, message);
    insert.executeUpdate();
  }

  /** The number of each job's last event, in one query; a job without events is absent. */
  static Map<Long, Long> lastSequences(Connection connection, Collection<Long> jobIds)
      throws SQLException {
    Map<Long, Long> last = new HashMap<>();
    if (jobIds.isEmpty()) {
      return last;
    }
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT job_id, MAX(sequence) FROM job_events WHERE job_id IN ("
                + Columns.placeholders(jobIds.size())
                + ") GROUP BY job_id")) {
      int index = 1;
      for (Long id : jobIds) {
        select.setLong(index++, id);
      }
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          last.put(rows.getLong(1), rows.getLong(2));
        }
      }
    }
    return last;
  }

  static List<JobEvent> forJob(Connection connection, long jobId) throws SQLException {
    List<JobEvent> events = new ArrayList<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT sequence, at, from_state, to_state, actor, message FROM job_events"
                + " WHERE job_id = ? ORDER BY sequence")) {
      select.setLong(1, jobId);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          events.add(
              new JobEvent(
                  JobIds.format(jobId),
                  rows.getLong("sequence"),
                  Columns.getInstant(rows, "at"),
                  Columns.getState(rows, "from_state"),
                  Columns.getState(rows, "to_state"),
                  rows.getString("actor"),
                  rows.getString("message")));
        }
      }
    }
    return events;
  }

  private static long nextSequence(Connection connection, long jobId) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT COALESCE(MAX(sequence), 0) + 1 FROM job_events WHERE job_id = ?")) {
      select.setLong(1, jobId);
      try (ResultSet rows = select.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }
}
