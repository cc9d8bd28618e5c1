package dev.berth.store.sqlite;

import dev.berth.api.Job;
import dev.berth.api.JobState;
import dev.berth.api.JobTransition;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;

/** One job's compare-and-set state change and its event, inside the caller's write transaction. */
final class StateChange {
  private StateChange() {}

  /**
   * Applies {@code transition} to the job if its state is one of {@code allowedFrom} (already
   * narrowed to the moves the job model allows).
   *
   * @return the job after the change, or empty when the job is unknown or in another state;
   *     nothing is written then
   */
  static Optional<Job> apply(
      Connection connection, long jobId, Set<JobState> allowedFrom, JobTransition transition)
      throws SQLException {
    Optional<Job> current = JobTable.find(connection, jobId);
    if (current.isEmpty() || !allowedFrom.contains(current.get().state())) {
      return Optional.empty();
    }
    Job next = transition.applyTo(current.get());
    if (JobTable.update(connection, next, allowedFrom) != 1) {
      return Optional.empty();
    }
    EventTable.append(
        connection,
        jobId,
        transition.at(),
        current.get().state(),
        transition.to(),
        transition.actor(),
        transition.message());
    return Optional.of(next);
  }
}
