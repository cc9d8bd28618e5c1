package dev.berth.store.sqlite;

import dev.berth.api.Job;
import dev.berth.api.JobPage;
import dev.berth.api.JobQuery;
import dev.berth.api.JobState;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * Turns a {@link JobQuery} into keyset-paged SQL. The cursor is the id of the last job of the
 * previous page, so a page is stable while jobs are added or change state, and costs the same at
 * page 1 and page 1000.
 */
final class JobListing {
  private JobListing() {}

  static JobPage page(Connection connection, JobQuery query) throws SQLException {
    List<String> conditions = new ArrayList<>();
    List<Object> arguments = new ArrayList<>();
    if (!query.states().isEmpty()) {
      EnumSet<JobState> states = EnumSet.copyOf(query.states());
      conditions.add("state IN (" + Columns.placeholders(states.size()) + ")");
      states.forEach(state -> arguments.add(state.name()));
    }
    if (query.user() != null) {
      conditions.add("user_name = ?");
      arguments.add(query.user());
    }
    if (query.cursor() != null) {
      conditions.add(query.oldestFirst() ? "id > ?" : "id < ?");
      arguments.add(JobIds.parseCursor(query.cursor()));
    }
    StringBuilder sql = new StringBuilder("SELECT ").append(JobTable.COLUMNS).append(" FROM jobs");
    if (!conditions.isEmpty()) {
      sql.append(" WHERE ").append(String.join(" AND ", conditions));
    }
    sql.append(" ORDER BY id ").append(query.oldestFirst() ? "ASC" : "DESC").append(" LIMIT ?");
    // One row more than asked tells whether another page follows.
    arguments.add(query.limit() + 1);

    List<Job> jobs = JobTable.select(connection, sql.toString(), arguments);
    if (jobs.size() <= query.limit()) {
      return new JobPage(jobs, null);
    }
    List<Job> page = jobs.subList(0, query.limit());
    return new JobPage(page, page.get(page.size() - 1).id());
  }
}
