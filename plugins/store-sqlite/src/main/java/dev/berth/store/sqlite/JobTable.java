package dev.berth.store.sqlite;

import dev.berth.api.Job;
import dev.berth.api.JobFlow;
import dev.berth.api.JobState;
import dev.berth.api.JobSubmission;
import dev.berth.api.Placement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The jobs table: one row per job, its parameters joined in from {@link ParameterTable}. */
final class JobTable {
  static final String COLUMNS =
      "id, name, user_name, template, gpus, priority, state, submitted_at, scheduled_at,"
          + " started_at, finished_at, placement_node, placement_gpus, exit_code, message,"
          + " executor_ref, time_limit_seconds, notify, depends_on, array_id, array_index,"
          + " array_max_running, max_retries, attempt, interactive";

  private JobTable() {}

  /**
   * Inserts a job (HELD when the submission says so, else QUEUED) and its parameters; returns it
   * with its new id, greater than any given before. {@code arrayId} is the array it joins, or null.
   */
  static Job insert(Connection connection, JobSubmission submission, Instant at, Long arrayId)
      throws SQLException {
    long id;
    JobState state = submission.hold() ? JobState.HELD : JobState.QUEUED;
    JobFlow flow = submission.flow();
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO jobs (name, user_name, template, gpus, priority, state, submitted_at,"
                + " time_limit_seconds, notify, depends_on, array_id, array_index, array_max_running,"
                + " max_retries, attempt, interactive) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)"
                + " RETURNING id")) {
      insert.setString(1, submission.name());
      insert.setString(2, submission.user());
      insert.setString(3, submission.template());
      insert.setInt(4, submission.gpus());
      insert.setInt(5, submission.priority());
      Columns.setState(insert, 6, state);
      Columns.setInstant(insert, 7, at);
      Columns.setInteger(insert, 8, submission.timeLimitSeconds());
      insert.setString(9, Columns.formatNotify(submission.notifyEvents()));
      insert.setString(10, flow.encodedDependencies());
      if (arrayId == null) {
        insert.setNull(11, java.sql.Types.INTEGER);
      } else {
        insert.setLong(11, arrayId);
      }
      Columns.setInteger(insert, 12, flow.arrayIndex());
      Columns.setInteger(insert, 13, flow.arrayMaxRunning());
      insert.setInt(14, flow.maxRetries());
      insert.setInt(15, submission.interactive() ? 1 : 0);
      try (ResultSet rows = insert.executeQuery()) {
        if (!rows.next()) {
          throw new SQLException("the insert of a job returned no id");
        }
        id = rows.getLong(1);
      }
    }
    ParameterTable.insert(connection, id, submission.parameters());
    return new Job(JobIds.format(id), submission.name(), submission.user(), submission.template(),
        submission.parameters(), submission.gpus(), submission.priority(), state, at, null, null, null, null, null,
        null, null, submission.timeLimitSeconds(), submission.notifyEvents(),
        flow.withArrayId(arrayId == null ? null : JobIds.format(arrayId)).withAttempt(1), submission.interactive());
  }

  /** Makes job {@code id} the first of its own array. */
  static void setArrayId(Connection connection, long id) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement("UPDATE jobs SET array_id = ? WHERE id = ?")) {
      update.setLong(1, id);
      update.setLong(2, id);
      update.executeUpdate();
    }
  }

  /** The jobs of an array, by index. */
  static List<Job> ofArray(Connection connection, long arrayId) throws SQLException {
    return select(connection, "SELECT " + COLUMNS + " FROM jobs WHERE array_id = ? ORDER BY id", List.of(arrayId));
  }

  static Optional<Job> find(Connection connection, long id) throws SQLException {
    List<Job> found =
        select(connection, "SELECT " + COLUMNS + " FROM jobs WHERE id = ?", List.of(id));
    return found.stream().findFirst();
  }

  /** Rows read per query, well under SQLite's limit on bound parameters. */
  private static final int READ_CHUNK = 500;

  /** The jobs of {@code ids} that exist, by id, with their parameters; a query per 500 ids. */
  static Map<Long, Job> findAll(Connection connection, List<Long> ids) throws SQLException {
    Map<Long, Job> jobs = new HashMap<>();
    for (int from = 0; from < ids.size(); from += READ_CHUNK) {
      List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + READ_CHUNK));
      String sql = "SELECT " + COLUMNS + " FROM jobs WHERE id IN (" + Columns.placeholders(chunk.size()) + ")";
      for (Job job : select(connection, sql, new ArrayList<Object>(chunk))) {
        jobs.put(job.sequence(), job);
      }
    }
    return jobs;
  }

  /** Jobs for a query built by {@link JobListing}, with their parameters. */
  static List<Job> select(Connection connection, String sql, List<Object> arguments)
      throws SQLException {
    List<Job> jobs = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      for (int i = 0; i < arguments.size(); i++) {
        select.setObject(i + 1, arguments.get(i));
      }
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          jobs.add(read(rows));
        }
      }
    }
    return withParameters(connection, jobs);
  }

  /**
   * Writes {@code next} over the row if the row is still in one of {@code allowedFrom}: the
   * compare-and-set of every state change. Returns the rows changed, 0 or 1.
   */
  static int update(Connection connection, Job next, Set<JobState> allowedFrom)
      throws SQLException {
    List<JobState> from = List.copyOf(allowedFrom);
    try (PreparedStatement update = prepareUpdate(connection, from.size())) {
      return update(update, next, from);
    }
  }

  /** The statement of {@link #update}, for a caller that runs it for many jobs. */
  static PreparedStatement prepareUpdate(Connection connection, int fromStates) throws SQLException {
    return connection.prepareStatement(
        "UPDATE jobs SET state = ?, scheduled_at = ?, started_at = ?, finished_at = ?,"
            + " placement_node = ?, placement_gpus = ?, exit_code = ?, message = ?, executor_ref ="
            + " ?, attempt = ? WHERE id = ? AND state IN ("
            + Columns.placeholders(fromStates)
            + ")");
  }

  /** Runs {@code update}, prepared for {@code from.size()} states, for one job. */
  static int update(PreparedStatement update, Job next, List<JobState> from) throws SQLException {
    Columns.setState(update, 1, next.state());
    Columns.setInstant(update, 2, next.scheduledAt());
    Columns.setInstant(update, 3, next.startedAt());
    Columns.setInstant(update, 4, next.finishedAt());
    Placement placement = next.placement();
    update.setString(5, placement == null ? null : placement.node());
    update.setString(6, placement == null ? null : Columns.formatGpus(placement.gpus()));
    Columns.setInteger(update, 7, next.exitCode());
    update.setString(8, next.message());
    update.setString(9, next.executorRef());
    update.setInt(10, next.attempt());
    update.setLong(11, next.sequence());
    for (int i = 0; i < from.size(); i++) {
      Columns.setState(update, 12 + i, from.get(i));
    }
    return update.executeUpdate();
  }

  /**
   * Sets the time limit if the row is still in one of {@code allowedFrom} and, with {@code
   * onlyRaise}, the stored limit is not above {@code seconds}: one compare-and-set. Returns the rows
   * changed, 0 or 1.
   */
  static int updateTimeLimit(
      Connection connection, long id, Set<JobState> allowedFrom, int seconds, boolean onlyRaise)
      throws SQLException {
    List<JobState> from = List.copyOf(allowedFrom);
    String sql =
        "UPDATE jobs SET time_limit_seconds = ? WHERE id = ? AND state IN ("
            + Columns.placeholders(from.size())
            + ")"
            + (onlyRaise ? " AND time_limit_seconds IS NOT NULL AND time_limit_seconds <= ?" : "");
    try (PreparedStatement update = connection.prepareStatement(sql)) {
      update.setInt(1, seconds);
      update.setLong(2, id);
      for (int i = 0; i < from.size(); i++) {
        Columns.setState(update, 3 + i, from.get(i));
      }
      if (onlyRaise) {
        update.setInt(3 + from.size(), seconds);
      }
      return update.executeUpdate();
    }
  }

  /**
   * Sets the message if the row is still in one of {@code allowedFrom}: one compare-and-set.
   * Returns the rows changed, 0 or 1.
   */
  static int updateMessage(Connection connection, long id, Set<JobState> allowedFrom, String message)
      throws SQLException {
    List<JobState> from = List.copyOf(allowedFrom);
    String sql =
        "UPDATE jobs SET message = ? WHERE id = ? AND state IN ("
            + Columns.placeholders(from.size())
            + ")";
    try (PreparedStatement update = connection.prepareStatement(sql)) {
      update.setString(1, message);
      update.setLong(2, id);
      for (int i = 0; i < from.size(); i++) {
        Columns.setState(update, 3 + i, from.get(i));
      }
      return update.executeUpdate();
    }
  }

  private static Job read(ResultSet row) throws SQLException {
    String node = row.getString("placement_node");
    Placement placement =
        node == null
            ? null
            : new Placement(node, Columns.parseGpus(row.getString("placement_gpus")));
    return new Job(
        JobIds.format(row.getLong("id")),
        row.getString("name"),
        row.getString("user_name"),
        row.getString("template"),
        Map.of(),
        row.getInt("gpus"),
        row.getInt("priority"),
        Columns.getState(row, "state"),
        Columns.getInstant(row, "submitted_at"),
        Columns.getInstant(row, "scheduled_at"),
        Columns.getInstant(row, "started_at"),
        Columns.getInstant(row, "finished_at"),
        placement,
        Columns.getInteger(row, "exit_code"),
        row.getString("message"),
        row.getString("executor_ref"),
        Columns.getInteger(row, "time_limit_seconds"),
        Columns.parseNotify(row.getString("notify")),
        new JobFlow(
            JobFlow.decodeDependencies(row.getString("depends_on")),
            row.getObject("array_id") == null ? null : JobIds.format(row.getLong("array_id")),
            Columns.getInteger(row, "array_index"),
            Columns.getInteger(row, "array_max_running"),
            row.getInt("max_retries"),
            row.getInt("attempt")),
        row.getInt("interactive") != 0);
  }

  private static List<Job> withParameters(Connection connection, List<Job> jobs)
      throws SQLException {
    List<Long> ids = jobs.stream().map(Job::sequence).toList();
    Map<Long, Map<String, String>> parameters = ParameterTable.forJobs(connection, ids);
    List<Job> complete = new ArrayList<>(jobs.size());
    for (Job job : jobs) {
      Map<String, String> own = parameters.getOrDefault(job.sequence(), Map.of());
      complete.add(
          new Job(
              job.id(),
              job.name(),
              job.user(),
              job.template(),
              own,
              job.gpus(),
              job.priority(),
              job.state(),
              job.submittedAt(),
              job.scheduledAt(),
              job.startedAt(),
              job.finishedAt(),
              job.placement(),
              job.exitCode(),
              job.message(),
              job.executorRef(),
              job.timeLimitSeconds(),
              job.notifyEvents(),
              job.flow(),
              job.interactive()));
    }
    return complete;
  }
}
