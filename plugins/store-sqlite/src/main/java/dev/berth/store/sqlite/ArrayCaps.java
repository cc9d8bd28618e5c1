package dev.berth.store.sqlite;

import dev.berth.api.Job;
import dev.berth.api.JobState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The caps of the arrays a batch of claims touches, checked inside the claim's write transaction:
 * SQLite lets one writer at a time, so the counts read at its start stay true but for the claims
 * the batch itself makes, which {@link #moved} adds. Each count and the claim that follows it are
 * thus one atomic step for every process.
 */
final class ArrayCaps implements StateChanges.Gate {
  private static final Set<JobState> HOLDING = Set.of(JobState.SCHEDULED, JobState.RUNNING);

  /** SCHEDULED or RUNNING jobs per capped array, as the transaction has them. */
  private final Map<String, Integer> active;

  private ArrayCaps(Map<String, Integer> active) {
    this.active = active;
  }

  /** Counts, in one query, the active jobs of every capped array among {@code jobs}. */
  static ArrayCaps read(Connection connection, Collection<Job> jobs) throws SQLException {
    Set<String> arrays = new LinkedHashSet<>();
    for (Job job : jobs) {
      if (capped(job)) {
        arrays.add(job.flow().arrayId());
      }
    }
    Map<String, Integer> active = new HashMap<>();
    if (arrays.isEmpty()) {
      return new ArrayCaps(active);
    }
    arrays.forEach(a -> active.put(a, 0));
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT array_id, COUNT(*) FROM jobs WHERE array_id IN (" + Columns.placeholders(arrays.size())
            + ") AND state IN ('SCHEDULED', 'RUNNING') GROUP BY array_id")) {
      int index = 1;
      for (String array : arrays) {
        select.setLong(index++, JobIds.parse(array).orElseThrow());
      }
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          active.put(JobIds.format(rows.getLong(1)), rows.getInt(2));
        }
      }
    }
    return new ArrayCaps(active);
  }

  /** Whether {@code job} may start: it is in no capped array, or its array is under its cap. */
  @Override
  public boolean admits(Job job) {
    return !capped(job) || active.getOrDefault(job.flow().arrayId(), 0) < job.flow().arrayMaxRunning();
  }

  @Override
  public void moved(Job before, Job after) {
    if (capped(after) && !HOLDING.contains(before.state()) && HOLDING.contains(after.state())) {
      active.merge(after.flow().arrayId(), 1, Integer::sum);
    }
  }

  private static boolean capped(Job job) {
    return job.flow().arrayId() != null && job.flow().arrayMaxRunning() != null;
  }
}
