package dev.berth.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.Job;
import dev.berth.api.JobState;
import dev.berth.api.JobSubmission;
import dev.berth.api.Placement;
import dev.berth.api.UsageAccrual;
import dev.berth.api.UserAccount;
import dev.berth.api.UserUsage;
import dev.berth.testkit.SettableClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schema is created once, migrated forward only, and a newer schema is refused. */
class SchemaMigrationTest {
  private static final Instant AT = Instant.parse("2026-03-01T09:00:00Z");

  @TempDir Path dataDir;

  @Test
  void reopeningAppliesNoMigrationTwiceAndKeepsTheData() throws Exception {
    Job job;
    try (SqliteQueueStore store = SqliteTestFiles.open(dataDir)) {
      job =
          store.enqueue(
              new JobSubmission("a", "ann", "demo", Map.of("k", "v"), 1, 0), Instant.EPOCH);
    }
    for (int i = 0; i < 3; i++) {
      try (SqliteQueueStore reopened = SqliteTestFiles.open(dataDir)) {
        assertThat(reopened.get(job.id())).contains(job);
      }
    }

    assertThat(appliedVersions()).containsExactlyElementsOf(allVersions());
  }

  @Test
  void theSchemaHasTheTablesAndIndexesOfTheLatestVersion() throws Exception {
    try (SqliteQueueStore store = SqliteTestFiles.open(dataDir)) {
      store.checkHealth();
    }
    List<String> names = new ArrayList<>();
    try (Connection raw = SqliteTestFiles.rawConnection(SqliteTestFiles.databaseFile(dataDir));
        Statement statement = raw.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")) {
      while (rows.next()) {
        names.add(rows.getString(1));
      }
    }
    assertThat(names)
        .contains(
            "schema_version",
            "jobs",
            "job_parameters",
            "job_events",
            "settings",
            "setting_values",
            "jobs_by_state",
            "jobs_by_user",
            "job_counts",
            "usage");
  }

  @Test
  void twoStoresOpeningANewFileAtOnceMigrateItOnce() throws Exception {
    Duration hangGuard = Duration.ofMinutes(2);
    CompletableFuture<SqliteQueueStore> first =
        CompletableFuture.supplyAsync(() -> SqliteTestFiles.open(dataDir));
    CompletableFuture<SqliteQueueStore> second =
        CompletableFuture.supplyAsync(() -> SqliteTestFiles.open(dataDir));

    try (SqliteQueueStore a = first.get(hangGuard.toMillis(), TimeUnit.MILLISECONDS);
        SqliteQueueStore b = second.get(hangGuard.toMillis(), TimeUnit.MILLISECONDS)) {
      a.checkHealth();
      b.checkHealth();
    }
    assertThat(appliedVersions()).containsExactlyElementsOf(allVersions());
  }

  @Test
  void aSchemaNewerThanThisStoreKnowsIsRefused() throws Exception {
    try (SqliteQueueStore store = SqliteTestFiles.open(dataDir)) {
      store.checkHealth();
    }
    int future = Migrations.latestVersion() + 1;
    try (Connection raw = SqliteTestFiles.rawConnection(SqliteTestFiles.databaseFile(dataDir))) {
      SqliteTestFiles.execute(
          raw,
          "INSERT INTO schema_version (version, description, applied_at)"
              + " VALUES ("
              + future
              + ", 'from the future', '2030-01-01T00:00:00Z')");
    }

    assertThatThrownBy(() -> SqliteTestFiles.open(dataDir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("version " + future)
        .hasMessageContaining("newer");
  }

  @Test
  void aVersion2DatabaseMigratesWithCountsOfTheJobsItHolds() throws Exception {
    Path file = SqliteTestFiles.databaseFile(dataDir);
    Map<String, Integer> written =
        Map.of("QUEUED", 5, "SCHEDULED", 2, "RUNNING", 1, "COMPLETED", 3, "FAILED", 1);
    List<String> queuedIds = new ArrayList<>();
    try (Connection raw = SqliteTestFiles.rawConnection(file)) {
      SqliteTestFiles.execute(raw, "BEGIN IMMEDIATE");
      new SchemaMigrator(
              Migrations.ALL.stream().filter(m -> m.version() <= 2).toList(), new SettableClock())
          .migrate(raw);
      // Interleaved, as a queue that ran for a while has them.
      for (int round = 0; round < 5; round++) {
        for (Map.Entry<String, Integer> state : written.entrySet()) {
          if (round < state.getValue()) {
            String id = insertJob(raw, state.getKey());
            if (state.getKey().equals("QUEUED")) {
              queuedIds.add(id);
            }
          }
        }
      }
      SqliteTestFiles.execute(raw, "COMMIT");
    }

    try (SqliteQueueStore store = SqliteTestFiles.open(dataDir)) {
      Map<JobState, Long> counts = store.countByState();
      for (JobState state : JobState.values()) {
        assertThat(counts.getOrDefault(state, 0L))
            .as("%s jobs", state)
            .isEqualTo(written.getOrDefault(state.name(), 0).longValue());
      }
      for (int i = 0; i < queuedIds.size(); i++) {
        assertThat(store.countQueuedBefore(queuedIds.get(i))).isEqualTo(i);
      }

      Job added = store.enqueue(new JobSubmission("new", "ann", "demo", Map.of(), 0, 0), AT);
      store.claim(queuedIds.get(0), new Placement("node-a", List.of()), AT, "scheduler");
      assertThat(store.countQueuedBefore(added.id())).isEqualTo(queuedIds.size() - 1);
      assertThat(store.countByState())
          .containsEntry(JobState.QUEUED, (long) queuedIds.size())
          .containsEntry(JobState.SCHEDULED, 3L);
    }
    assertThat(appliedVersions()).containsExactlyElementsOf(allVersions());
  }

  @Test
  void aVersion3DatabaseGainsTimeLimitsAndTimedOutAndKeepsItsJobsWithNoLimit() throws Exception {
    Path file = SqliteTestFiles.databaseFile(dataDir);
    String queued;
    String running;
    try (Connection raw = SqliteTestFiles.rawConnection(file)) {
      SqliteTestFiles.execute(raw, "PRAGMA foreign_keys = ON");
      SqliteTestFiles.execute(raw, "BEGIN IMMEDIATE");
      new SchemaMigrator(
              Migrations.ALL.stream().filter(m -> m.version() <= 3).toList(), new SettableClock())
          .migrate(raw);
      queued = insertJob(raw, "QUEUED");
      running = insertJob(raw, "RUNNING");
      String gone = insertJob(raw, "COMPLETED");
      SqliteTestFiles.execute(raw, "DELETE FROM jobs WHERE id = " + gone);
      // Children of the jobs table, which the migration rebuilds under them.
      SqliteTestFiles.execute(
          raw, "INSERT INTO job_parameters (job_id, name, value) VALUES (" + queued + ", 'k', 'v')");
      SqliteTestFiles.execute(
          raw,
          "INSERT INTO job_events (job_id, sequence, at, from_state, to_state, actor) VALUES ("
              + queued
              + ", 1, '"
              + AT
              + "', NULL, 'QUEUED', 'ann')");
      SqliteTestFiles.execute(raw, "COMMIT");
    }

    try (SqliteQueueStore store = SqliteTestFiles.open(dataDir)) {
      Job old = store.get(queued).orElseThrow();
      assertThat(old.timeLimitSeconds()).as("a job stored before limits has none").isNull();
      assertThat(old.parameters()).containsEntry("k", "v");
      assertThat(store.events(queued)).hasSize(1);

      Job timedOut =
          store
              .transition(
                  running,
                  java.util.Set.of(JobState.RUNNING),
                  dev.berth.api.JobTransition.to(JobState.TIMED_OUT, AT, "executor", "limit"))
              .orElseThrow();
      assertThat(timedOut.state()).isEqualTo(JobState.TIMED_OUT);
      assertThat(store.countByState())
          .containsEntry(JobState.QUEUED, 1L)
          .containsEntry(JobState.RUNNING, 0L)
          .containsEntry(JobState.TIMED_OUT, 1L);

      Job added =
          store.enqueue(new JobSubmission("new", "ann", "demo", Map.of(), 0, 0, 3600), AT);
      assertThat(added.sequence())
          .as("the sequence goes on past a deleted newest row")
          .isGreaterThan(Long.parseLong(running) + 1);
      assertThat(store.get(added.id()).orElseThrow().timeLimitSeconds()).isEqualTo(3600);
      assertThat(store.countByState()).containsEntry(JobState.QUEUED, 2L);
    }
    assertThat(appliedVersions()).containsExactlyElementsOf(allVersions());
  }

  @Test
  void aVersion4DatabaseGainsTheUsageLedgerAndGivesEveryUserOneShare() throws Exception {
    Path file = SqliteTestFiles.databaseFile(dataDir);
    String running;
    try (Connection raw = SqliteTestFiles.rawConnection(file)) {
      SqliteTestFiles.execute(raw, "BEGIN IMMEDIATE");
      new SchemaMigrator(
              Migrations.ALL.stream().filter(m -> m.version() <= 4).toList(), new SettableClock())
          .migrate(raw);
      running = insertJob(raw, "RUNNING");
      SqliteTestFiles.execute(
          raw,
          "INSERT INTO users (username, password_hash, admin, disabled, created_at)"
              + " VALUES ('ann', 'hash', 0, 0, '"
              + AT
              + "')");
      SqliteTestFiles.execute(raw, "COMMIT");
    }

    try (SqliteQueueStore store = SqliteTestFiles.open(dataDir)) {
      assertThat(store.user("ann")).get().extracting(UserAccount::shares).isEqualTo(1);
      assertThat(store.usage(AT, Duration.ofHours(1))).isEmpty();

      UsageAccrual minute = new UsageAccrual(running, "ann", 2, AT, AT.plusSeconds(60));
      store.accrueUsage(List.of(minute, minute), Duration.ofHours(1));

      assertThat(store.usage(AT.plusSeconds(60), Duration.ofHours(1)))
          .containsExactly(new UserUsage("ann", 120, 120));
    }
    assertThat(appliedVersions()).containsExactlyElementsOf(allVersions());
  }

  @Test
  void migrationsAreNumberedOneUpWithoutGaps() {
    for (int i = 0; i < Migrations.ALL.size(); i++) {
      assertThat(Migrations.ALL.get(i).version()).isEqualTo(i + 1);
    }
  }

  /** A job row as schema version 2 holds it, written as an older Berth would. */
  private static String insertJob(Connection raw, String state) throws Exception {
    try (PreparedStatement insert =
        raw.prepareStatement(
            "INSERT INTO jobs (name, user_name, template, gpus, priority, state, submitted_at)"
                + " VALUES ('old', 'ann', 'demo', 0, 0, ?, ?) RETURNING id")) {
      insert.setString(1, state);
      insert.setString(2, AT.toString());
      try (ResultSet id = insert.executeQuery()) {
        id.next();
        return Long.toString(id.getLong(1));
      }
    }
  }

  /** Each migration, applied once: 1 up to the latest. */
  private static List<Integer> allVersions() {
    return Migrations.ALL.stream().map(Migration::version).toList();
  }

  private List<Integer> appliedVersions() throws Exception {
    List<Integer> versions = new ArrayList<>();
    try (Connection raw = SqliteTestFiles.rawConnection(SqliteTestFiles.databaseFile(dataDir));
        Statement statement = raw.createStatement();
        ResultSet rows =
            statement.executeQuery("SELECT version FROM schema_version ORDER BY version")) {
      while (rows.next()) {
        versions.add(rows.getInt(1));
      }
    }
    return versions;
  }
}
