package dev.berth.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.Claim;
import dev.berth.api.Job;
import dev.berth.api.JobState;
import dev.berth.api.JobSubmission;
import dev.berth.api.JobTransition;
import dev.berth.api.Placement;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-state counts stay equal to counting the jobs, whoever writes the file, and a queue
 * position is exact whether it is near the tail or deep in the queue.
 */
class JobCountsTest {
  private static final Instant AT = Instant.parse("2026-03-01T09:00:00Z");

  @TempDir Path dataDir;

  private SqliteQueueStore store;
  private Path file;

  @BeforeEach
  void open() {
    store = SqliteTestFiles.open(dataDir);
    file = SqliteTestFiles.databaseFile(dataDir);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void theCountsFollowTheStoresWritesAndAnAdminsSqlToo() throws Exception {
    List<Job> jobs = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      jobs.add(store.enqueue(new JobSubmission("j" + i, "ann", "demo", Map.of(), 0, 0), AT));
    }
    store.claimAll(
        List.of(new Claim(jobs.get(0).id(), node()), new Claim(jobs.get(1).id(), node())),
        AT,
        "scheduler",
        0);
    store.transition(
        jobs.get(0).id(),
        Set.of(JobState.SCHEDULED),
        JobTransition.to(JobState.RUNNING, AT, "x", null));
    store.transition(
        jobs.get(2).id(),
        Set.of(JobState.QUEUED),
        JobTransition.to(JobState.CANCELLED, AT, "ann", null));
    assertThat(store.countByState()).isEqualTo(countedFromTheJobs());

    try (Connection raw = SqliteTestFiles.rawConnection(file)) {
      SqliteTestFiles.execute(
          raw, "UPDATE jobs SET state = 'FAILED' WHERE id = " + jobs.get(3).id());
      SqliteTestFiles.execute(raw, "UPDATE jobs SET message = 'no state change'");
      SqliteTestFiles.execute(raw, "DELETE FROM job_events WHERE job_id = " + jobs.get(4).id());
      SqliteTestFiles.execute(raw, "DELETE FROM jobs WHERE id = " + jobs.get(4).id());
    }

    assertThat(store.countByState()).isEqualTo(countedFromTheJobs());
    assertThat(store.countByState())
        .containsEntry(JobState.QUEUED, 1L)
        .containsEntry(JobState.SCHEDULED, 1L)
        .containsEntry(JobState.RUNNING, 1L)
        .containsEntry(JobState.CANCELLED, 1L)
        .containsEntry(JobState.FAILED, 1L)
        .containsEntry(JobState.COMPLETED, 0L);
  }

  @Test
  void aPositionDeepInTheQueueIsCountedExactly() throws Exception {
    Job first = store.enqueue(new JobSubmission("first", "ann", "demo", Map.of(), 0, 0), AT);
    int bulk = JobCounts.TAIL_SCAN_LIMIT + 50;
    try (Connection raw = SqliteTestFiles.rawConnection(file)) {
      SqliteTestFiles.execute(
          raw,
          "INSERT INTO jobs (name, user_name, template, gpus, priority, state, submitted_at)"
              + " WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < "
              + bulk
              + ") SELECT 'bulk', 'bob', 'demo', 0, 0, 'QUEUED', '"
              + AT
              + "' FROM n");
    }
    Job newest = store.enqueue(new JobSubmission("newest", "ann", "demo", Map.of(), 0, 0), AT);
    long firstBulk = first.sequence() + 1;
    store.claim(Long.toString(firstBulk + 3), node(), AT, "scheduler");
    store.transition(
        Long.toString(newest.sequence() - 5),
        Set.of(JobState.QUEUED),
        JobTransition.to(JobState.CANCELLED, AT, "bob", null));

    long[] probes = {
      first.sequence(),
      firstBulk,
      firstBulk + 3,
      firstBulk + 4,
      newest.sequence() - JobCounts.TAIL_SCAN_LIMIT - 1,
      newest.sequence() - JobCounts.TAIL_SCAN_LIMIT,
      newest.sequence() - JobCounts.TAIL_SCAN_LIMIT + 1,
      newest.sequence() - 5,
      newest.sequence(),
      newest.sequence() + 1000
    };
    for (long id : probes) {
      assertThat(store.countQueuedBefore(Long.toString(id)))
          .as("position of id %d", id)
          .isEqualTo(countedQueuedBefore(id));
    }
    assertThat(store.countQueuedBefore(newest.id()))
        .as("the first job and the bulk, less the claimed and the cancelled one")
        .isEqualTo(1 + bulk - 2);
  }

  private static Placement node() {
    return new Placement("node-a", List.of());
  }

  private Map<JobState, Long> countedFromTheJobs() throws Exception {
    Map<JobState, Long> counts = new EnumMap<>(JobState.class);
    for (JobState state : JobState.values()) {
      counts.put(state, 0L);
    }
    try (Connection raw = SqliteTestFiles.rawConnection(file);
        Statement statement = raw.createStatement();
        ResultSet rows =
            statement.executeQuery("SELECT state, COUNT(*) FROM jobs GROUP BY state")) {
      while (rows.next()) {
        counts.put(JobState.valueOf(rows.getString(1)), rows.getLong(2));
      }
    }
    return counts;
  }

  private long countedQueuedBefore(long id) throws Exception {
    try (Connection raw = SqliteTestFiles.rawConnection(file)) {
      return Long.parseLong(
          SqliteTestFiles.queryString(
              raw, "SELECT COUNT(*) FROM jobs WHERE state = 'QUEUED' AND id < " + id));
    }
  }
}
