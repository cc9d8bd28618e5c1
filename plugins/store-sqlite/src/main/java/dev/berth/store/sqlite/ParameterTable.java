package dev.berth.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** A job's template parameters, one row each; written once at enqueue and never changed. */
final class ParameterTable {
  private ParameterTable() {}

  static void insert(Connection connection, long jobId, Map<String, String> parameters)
      throws SQLException {
    if (parameters.isEmpty()) {
      return;
    }
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO job_parameters (job_id, name, value) VALUES (?, ?, ?)")) {
      for (Map.Entry<String, String> parameter : parameters.entrySet()) {
        insert.setLong(1, jobId);
        insert.setString(2, parameter.getKey());
        insert.setString(3, parameter.getValue());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  /** The parameters of each of {@code jobIds} that has any, keyed by job id. */
  static Map<Long, Map<String, String>> forJobs(Connection connection, Collection<Long> jobIds)
      throws SQLException {
    Map<Long, Map<String, String>> byJob = new HashMap<>();
    if (jobIds.isEmpty()) {
      return byJob;
    }
    String sql =
        "SELECT job_id, name, value FROM job_parameters WHERE job_id IN ("
            + Columns.placeholders(jobIds.size())
            + ")";
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      int index = 1;
      for (Long id : jobIds) {
        select.setLong(index++, id);
      }
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          byJob
              .computeIfAbsent(rows.getLong("job_id"), id -> new HashMap<>())
              .put(rows.getString("name"), rows.getString("value"));
        }
      }
    }
    return byJob;
  }
}
