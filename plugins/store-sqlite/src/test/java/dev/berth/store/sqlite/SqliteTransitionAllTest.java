package dev.berth.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.Job;
import dev.berth.api.JobState;
import dev.berth.api.JobSubmission;
import dev.berth.api.JobTransition;
import dev.berth.api.Placement;
import dev.berth.api.TransitionRequest;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A round of executor reports is one transaction: one commit, so one fsync, for every start and end in it. */
class SqliteTransitionAllTest {
  private static final Instant AT = Instant.parse("2026-03-01T09:00:00Z");

  @TempDir Path dataDir;

  @Test
  void aRoundOfStartsAndEndsIsOneCommit() throws Exception {
    try (SqliteQueueStore store = SqliteTestFiles.open(dataDir)) {
      List<TransitionRequest> requests = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        Job job = store.enqueue(new JobSubmission("j" + i, "ann", "demo", Map.of(), 1, 0), AT);
        store.claim(job.id(), new Placement("node-a", List.of(i % 8)), AT, "scheduler");
        requests.add(new TransitionRequest(job.id(), Set.of(JobState.SCHEDULED),
            JobTransition.to(JobState.RUNNING, AT.plusSeconds(1), "executor", null)));
        requests.add(new TransitionRequest(job.id(), Set.of(JobState.RUNNING),
            JobTransition.to(JobState.COMPLETED, AT.plusSeconds(2), "executor", null).withExitCode(0)));
      }
      requests.add(new TransitionRequest("424242", Set.of(JobState.RUNNING),
          JobTransition.to(JobState.COMPLETED, AT.plusSeconds(2), "executor", null)));
      Path file = SqliteTestFiles.databaseFile(dataDir);
      WalCommits.reset(file);

      List<Optional<Job>> after = store.transitionAll(requests);

      assertThat(WalCommits.count(file)).isEqualTo(1);
      assertThat(after.subList(0, 40)).allMatch(Optional::isPresent);
      assertThat(after.get(40)).isEmpty();
      assertThat(store.countByState()).containsEntry(JobState.COMPLETED, 20L);
    }
  }
}
