package dev.berth.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.Job;
import dev.berth.api.JobEvent;
import dev.berth.api.JobState;
import dev.berth.api.JobSubmission;
import dev.berth.api.JobTransition;
import dev.berth.api.Placement;
import dev.berth.api.VersionedSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What is written stays written: across close and reopen, and across a kill -9 of the writer. */
class SqliteDurabilityTest {
  /** Hang guards only: a JVM starting on a loaded 2-core machine can take many seconds. */
  private static final Duration CHILD_DEADLINE = Duration.ofMinutes(2);

  private static final int IDS_BEFORE_KILL = 25;

  @TempDir Path dataDir;

  private Process child;

  @AfterEach
  void killChild() throws InterruptedException {
    if (child != null && child.isAlive()) {
      child.destroyForcibly();
      child.waitFor();
    }
  }

  @Test
  void everythingWrittenIsThereAfterCloseAndReopen() {
    Instant at = Instant.parse("2026-03-01T09:00:00.5Z");
    Job queued;
    Job failed;
    try (SqliteQueueStore store = SqliteTestFiles.open(dataDir)) {
      queued = store.enqueue(new JobSubmission("a", "ann", "demo", Map.of("k", "v"), 2, 1), at);
      Job other = store.enqueue(new JobSubmission("b", "bob", "demo", Map.of(), 1, 0), at);
      store.claim(other.id(), new Placement("node-a", List.of(1)), at.plusSeconds(1), "scheduler");
      failed =
          store
              .transition(
                  other.id(),
                  Set.of(JobState.SCHEDULED),
                  JobTransition.to(JobState.FAILED, at.plusSeconds(2), "executor", "bad template")
                      .withExitCode(2))
              .orElseThrow();
      store.putSettings("thresholds", Map.of("maxUtilization", "80"), 0);
    }

    try (SqliteQueueStore reopened = SqliteTestFiles.open(dataDir)) {
      assertThat(reopened.get(queued.id())).contains(queued);
      assertThat(reopened.get(failed.id())).contains(failed);
      assertThat(reopened.events(failed.id()))
          .extracting(JobEvent::to)
          .containsExactly(JobState.QUEUED, JobState.SCHEDULED, JobState.FAILED);
      assertThat(reopened.settings("thresholds"))
          .isEqualTo(new VersionedSettings("thresholds", 1, Map.of("maxUtilization", "80")));
      Job later = reopened.enqueue(new JobSubmission("c", "ann", "demo", Map.of(), 1, 0), at);
      assertThat(later.sequence()).isGreaterThan(failed.sequence());
    }
  }

  @Test
  void idsAreNeverReusedEvenWhenTheNewestRowIsDeleted() throws Exception {
    Instant at = Instant.parse("2026-03-01T09:00:00Z");
    Job newest;
    try (SqliteQueueStore store = SqliteTestFiles.open(dataDir)) {
      store.enqueue(new JobSubmission("a", "ann", "demo", Map.of(), 1, 0), at);
      newest = store.enqueue(new JobSubmission("b", "ann", "demo", Map.of("k", "v"), 1, 0), at);
    }
    try (Connection raw = SqliteTestFiles.rawConnection(SqliteTestFiles.databaseFile(dataDir))) {
      SqliteTestFiles.execute(raw, "DELETE FROM job_events WHERE job_id = " + newest.id());
      SqliteTestFiles.execute(raw, "DELETE FROM job_parameters WHERE job_id = " + newest.id());
      SqliteTestFiles.execute(raw, "DELETE FROM jobs WHERE id = " + newest.id());
    }

    try (SqliteQueueStore reopened = SqliteTestFiles.open(dataDir)) {
      Job next = reopened.enqueue(new JobSubmission("c", "ann", "demo", Map.of(), 1, 0), at);
      assertThat(next.sequence()).isGreaterThan(newest.sequence());
    }
  }

  @Test
  void everyAcknowledgedEnqueueSurvivesAKillMinus9OfTheWritingProcess() throws Exception {
    List<String> acknowledged = killTheWriterAfterAcknowledgements(1);

    assertThat(acknowledged).extracting(Long::parseLong).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void everyAcknowledgedEnqueueOfConcurrentWritersSharingCommitsSurvivesAKillMinus9()
      throws Exception {
    List<String> acknowledged = killTheWriterAfterAcknowledgements(8);

    assertThat(acknowledged).doesNotHaveDuplicates();
  }

  /** NORMAL leaves commits to the operating system: a killed process still loses none of them. */
  @Test
  void withSynchronousNormalEveryAcknowledgedEnqueueStillSurvivesAKillMinus9() throws Exception {
    List<String> acknowledged = killTheWriterAfterAcknowledgements(8, "NORMAL");

    assertThat(acknowledged).doesNotHaveDuplicates();
  }

  /**
   * Runs {@link EnqueueUntilKilled} with {@code writers} threads, kills it with SIGKILL once it
   * acknowledged some jobs, and checks that every acknowledged job is in the reopened file.
   */
  private List<String> killTheWriterAfterAcknowledgements(int writers) throws Exception {
    return killTheWriterAfterAcknowledgements(writers, "FULL");
  }

  private List<String> killTheWriterAfterAcknowledgements(int writers, String synchronous)
      throws Exception {
    Path childErr = dataDir.resolve("child-stderr.txt");
    Path childData = Files.createDirectories(dataDir.resolve("data"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    child =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                EnqueueUntilKilled.class.getName(),
                childData.toString(),
                "1000000",
                Integer.toString(writers),
                synchronous)
            .redirectError(childErr.toFile())
            .start();
    ChildOutput output = new ChildOutput(child.getInputStream());

    List<String> acknowledged = new ArrayList<>();
    while (acknowledged.size() < IDS_BEFORE_KILL) {
      String id = output.nextLine(CHILD_DEADLINE);
      assertThat(id)
          .as("id %d from the child; its stderr: %s", acknowledged.size(), stderr(childErr))
          .isNotNull();
      acknowledged.add(id);
    }
    child.destroyForcibly();
    assertThat(child.waitFor()).as("killed by SIGKILL").isEqualTo(137);
    acknowledged.addAll(output.remainingLines(CHILD_DEADLINE));

    try (SqliteQueueStore reopened = SqliteTestFiles.open(childData);
        Connection raw = SqliteTestFiles.rawConnection(SqliteTestFiles.databaseFile(childData))) {
      assertThat(SqliteTestFiles.queryString(raw, "PRAGMA integrity_check")).isEqualTo("ok");
      for (String id : acknowledged) {
        Job job =
            reopened
                .get(id)
                .orElseThrow(() -> new AssertionError("acknowledged job " + id + " was lost"));
        assertThat(job.state()).isEqualTo(JobState.QUEUED);
        assertThat(job.parameters()).containsKey("i");
        assertThat(reopened.events(id)).hasSize(1);
      }
      assertThat(reopened.countByState().get(JobState.QUEUED))
          .as("the counts survive with the jobs")
          .isEqualTo(
              Long.parseLong(
                  SqliteTestFiles.queryString(
                      raw, "SELECT COUNT(*) FROM jobs WHERE state = 'QUEUED'")));
    }
    return acknowledged;
  }

  private static String stderr(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "(none)";
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }
}
