package dev.berth.store.sqlite;

import dev.berth.api.Job;
import dev.berth.api.JobState;
import dev.berth.api.JobTransition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Many jobs' compare-and-set state changes and their events, inside the caller's write
 * transaction, each exactly as {@link StateChange#apply} makes it, in order. The statements are
 * prepared once for all of them (preparing was as costly as running them): the jobs and their last
 * event numbers are read in one query each, then each change is one event INSERT, and each job
 * changed one UPDATE to its last state. The transaction holds the database's write lock ({@code
 * BEGIN IMMEDIATE}), so nothing but these changes moves the jobs read; each change sees the ones
 * before it.
 */
final class StateChanges {
  /** One change: {@code transition} if job {@code jobId} is in one of {@code allowedFrom}. */
  record Change(long jobId, Set<JobState> allowedFrom, JobTransition transition) {}

  private StateChanges() {}

  /**
   * A condition on the job as the transaction has it, besides the change's allowed states, such as
   * an array's cap; told of every change made, so that it can count them.
   */
  interface Gate {
    boolean admits(Job job);

    void moved(Job before, Job after);
  }

  /** Makes the batch's {@link Gate} from the jobs it read, inside the same transaction. */
  @FunctionalInterface
  interface GateReader {
    Gate read(Connection connection, Collection<Job> jobs) throws SQLException;
  }

  private static final Gate OPEN = new Gate() {
    @Override
    public boolean admits(Job job) {
      return true;
    }

    @Override
    public void moved(Job before, Job after) {}
  };

  /** For each change, in order, the job after it, or empty when it did not apply (nothing written). */
  static List<Optional<Job>> apply(Connection connection, List<Change> changes) throws SQLException {
    return apply(connection, changes, (c, jobs) -> OPEN);
  }

  /** As {@link #apply(Connection, List)}, where a change applies only if {@code gates}' gate admits its job. */
  static List<Optional<Job>> apply(Connection connection, List<Change> changes, GateReader gates)
      throws SQLException {
    Set<Long> ids = new LinkedHashSet<>();
    for (Change change : changes) {
      ids.add(change.jobId());
    }
    Map<Long, Job> current = JobTable.findAll(connection, new ArrayList<>(ids));
    Gate gate = gates.read(connection, current.values());
    Map<Long, Long> lastEvent = EventTable.lastSequences(connection, current.keySet());
    List<Optional<Job>> after = new ArrayList<>(changes.size());
    // Each job's row is written once, with its last state: a RUNNING and an end in one round make two
    // events but one UPDATE (and one pass of the counting triggers). The write lock keeps every row
    // as it was read until the commit, so the UPDATE's compare-and-set on the state read holds.
    Map<Long, Job> asRead = new LinkedHashMap<>();
    try (PreparedStatement event = EventTable.prepareAppend(connection)) {
      for (Change change : changes) {
        Job job = current.get(change.jobId());
        if (job == null || !change.allowedFrom().contains(job.state()) || !gate.admits(job)) {
          after.add(Optional.empty());
          continue;
        }
        Job next = change.transition().applyTo(job);
        long sequence = lastEvent.getOrDefault(change.jobId(), 0L) + 1;
        JobTransition t = change.transition();
        EventTable.append(event, change.jobId(), sequence, t.at(), job.state(), t.to(), t.actor(), t.message());
        lastEvent.put(change.jobId(), sequence);
        asRead.putIfAbsent(change.jobId(), job);
        current.put(change.jobId(), next);
        gate.moved(job, next);
        after.add(Optional.of(next));
      }
    }
    try (PreparedStatement update = JobTable.prepareUpdate(connection, 1)) {
      for (Map.Entry<Long, Job> read : asRead.entrySet()) {
        if (JobTable.update(update, current.get(read.getKey()), List.of(read.getValue().state())) != 1) {
          // Cannot happen under the write lock; never guess: the whole transaction rolls back.
          throw new SQLException("job " + read.getKey() + " changed inside the write transaction");
        }
      }
    }
    return after;
  }
}
