package dev.berth.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.Job;
import dev.berth.api.JobState;
import dev.berth.api.JobSubmission;
import dev.berth.testkit.Await;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writes that wait together share one commit, and each still stands or falls on its own. */
class SqliteGroupCommitTest {
  /** Hang guards only. */
  private static final Duration PATIENT = Duration.ofMinutes(2);

  @TempDir Path dataDir;

  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final CountDownLatch leaderMayCommit = new CountDownLatch(1);

  @AfterEach
  void stopThreads() {
    leaderMayCommit.countDown();
    threads.shutdownNow();
  }

  @Test
  void aFailedWriteInASharedCommitIsUndoneAloneAndTheOthersCommitTogether() throws Exception {
    Path file = SqliteTestFiles.databaseFile(dataDir);
    try (SqliteDatabase database =
        new SqliteDatabase(
            new SqliteStoreConfig(file, SqliteTestFiles.PATIENT_BUSY_TIMEOUT_MILLIS, 4))) {
      database.write(
          "create a table",
          c -> execute(c, "CREATE TABLE words (word TEXT NOT NULL PRIMARY KEY)"));
      database.write("insert 'taken'", c -> insert(c, "taken"));
      WalCommits.reset(file);

      Future<Integer> leader =
          write(
              database,
              "a",
              c -> {
                insert(c, "a");
                awaitQuietly(leaderMayCommit);
                return 1;
              });
      awaitInLine(database, 1);
      Future<Integer> duplicate =
          write(
              database,
              "b then a duplicate",
              c -> {
                insert(c, "b");
                return insert(c, "taken");
              });
      awaitInLine(database, 2);
      Future<Integer> last = write(database, "c", c -> insert(c, "c"));
      awaitInLine(database, 3);
      leaderMayCommit.countDown();

      assertThat(leader.get(PATIENT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(1);
      assertThat(last.get(PATIENT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(1);
      assertThatThrownBy(() -> duplicate.get(PATIENT.toMillis(), TimeUnit.MILLISECONDS))
          .as("a broken constraint is a bug, reported to its own caller")
          .hasCauseInstanceOf(IllegalStateException.class);
      assertThat(words(file)).containsExactly("a", "c", "taken");
      assertThat(WalCommits.count(file)).as("the leader's commit, then one shared by the rest")
          .isEqualTo(2);
    }
  }

  @Test
  void concurrentEnqueuesAreAllDurableWithDistinctIncreasingIds() throws Exception {
    int writers = 16;
    int each = 20;
    List<Future<List<Job>>> results = new ArrayList<>();
    try (SqliteQueueStore store = SqliteTestFiles.open(dataDir)) {
      CountDownLatch start = new CountDownLatch(1);
      for (int w = 0; w < writers; w++) {
        String user = "user" + w;
        results.add(
            threads.submit(
                () -> {
                  start.await();
                  List<Job> mine = new ArrayList<>();
                  for (int i = 0; i < each; i++) {
                    mine.add(
                        store.enqueue(
                            new JobSubmission("j" + i, user, "demo", Map.of("i", "" + i), 0, 0),
                            Instant.EPOCH));
                  }
                  return mine;
                }));
      }
      start.countDown();
      List<Job> acknowledged = new ArrayList<>();
      for (Future<List<Job>> result : results) {
        List<Job> mine = result.get(PATIENT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(mine).extracting(Job::sequence).as("one writer's ids grow").isSorted();
        acknowledged.addAll(mine);
      }

      assertThat(acknowledged).extracting(Job::id).doesNotHaveDuplicates();
      try (SqliteQueueStore reopened = SqliteTestFiles.open(dataDir)) {
        for (Job job : acknowledged) {
          assertThat(reopened.get(job.id())).contains(job);
          assertThat(reopened.events(job.id())).hasSize(1);
        }
        assertThat(reopened.countByState())
            .containsEntry(JobState.QUEUED, (long) writers * each);
      }
    }
  }

  private <T> Future<T> write(SqliteDatabase database, String action, SqlWork<T> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    threads.submit(
        () -> {
          try {
            result.complete(database.write(action, work));
          } catch (Throwable e) {
            result.completeExceptionally(e);
          }
        });
    return result;
  }

  private static void awaitInLine(SqliteDatabase database, int count) {
    Await.until(count + " writes in line", PATIENT, database::writesInLine, n -> n >= count);
  }

  private static int insert(Connection connection, String word) throws java.sql.SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement("INSERT INTO words (word) VALUES (?)")) {
      insert.setString(1, word);
      return insert.executeUpdate();
    }
  }

  private static Void execute(Connection connection, String sql) throws java.sql.SQLException {
    SqliteTestFiles.execute(connection, sql);
    return null;
  }

  private static List<String> words(Path file) throws Exception {
    List<String> words = new ArrayList<>();
    try (Connection raw = SqliteTestFiles.rawConnection(file);
        Statement statement = raw.createStatement();
        ResultSet rows = statement.executeQuery("SELECT word FROM words ORDER BY word")) {
      while (rows.next()) {
        words.add(rows.getString(1));
      }
    }
    return words;
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(PATIENT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
