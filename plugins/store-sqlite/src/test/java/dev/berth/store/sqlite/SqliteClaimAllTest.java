package dev.berth.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.Claim;
import dev.berth.api.Job;
import dev.berth.api.JobState;
import dev.berth.api.JobSubmission;
import dev.berth.api.Placement;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A batch claim is one transaction: one commit, so one fsync, however many jobs it claims. */
class SqliteClaimAllTest {
  private static final Instant AT = Instant.parse("2026-03-01T09:00:00Z");

  @TempDir Path dataDir;

  @Test
  void aBurstOfClaimsIsOneCommit() throws Exception {
    try (SqliteQueueStore store = SqliteTestFiles.open(dataDir)) {
      List<Claim> claims = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        Job job = store.enqueue(new JobSubmission("j" + i, "ann", "demo", Map.of(), 1, 0), AT);
        claims.add(new Claim(job.id(), new Placement("node-a", List.of(i % 8))));
      }
      claims.add(new Claim(claims.get(0).jobId(), new Placement("node-b", List.of(0))));
      claims.add(new Claim("424242", new Placement("node-b", List.of(0))));
      Path file = SqliteTestFiles.databaseFile(dataDir);
      WalCommits.reset(file);

      List<Job> claimed = store.claimAll(claims, AT, "scheduler", 7);

      assertThat(WalCommits.count(file)).isEqualTo(1);
      assertThat(claimed)
          .as("each job once, the repeated claim skipped")
          .extracting(Job::id)
          .containsExactlyElementsOf(claims.subList(0, 20).stream().map(Claim::jobId).toList());
      assertThat(claimed.get(0).placement()).isEqualTo(claims.get(0).placement());
      assertThat(store.countByState()).containsEntry(JobState.SCHEDULED, 20L);
    }
  }
}
