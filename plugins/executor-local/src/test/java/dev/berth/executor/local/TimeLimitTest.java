package dev.berth.executor.local;

import static dev.berth.executor.local.LocalExecutorHarness.job;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.ExecutionPhase;
import dev.berth.api.ExecutionStatus;
import dev.berth.api.Job;
import dev.berth.testkit.Await;
import dev.berth.testkit.JobBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs are stopped at their job's time limit, with real processes, also after a restart. */
class TimeLimitTest {
  private static final int GRACE_SECONDS = 2;

  @TempDir Path dataDir;
  private LocalExecutorHarness harness;

  @BeforeEach
  void start() {
    harness = new LocalExecutorHarness(dataDir, TestTemplates.config(GRACE_SECONDS));
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  private static Job forever(String id, int limitSeconds) {
    return JobBuilder.from(job(id, "forever", Map.of("text", "running"), List.of()))
        .timeLimitSeconds(limitSeconds)
        .build();
  }

  @Test
  void aRunStopsAtItsLimitAndEndsTimedOutWithinTheGraceAndFiveSeconds() {
    Job job = forever("1", 2);
    String ref = harness.submit(job);
    harness.awaitLog(job, "running");

    ExecutionStatus end =
        harness.pushed().awaitFinished("1", Await.DEFAULT_TIMEOUT);

    assertThat(end.phase()).isEqualTo(ExecutionPhase.TIMED_OUT);
    assertThat(end.message()).contains("time limit");
    assertThat(harness.executor().status(job)).contains(end);
    Await.until("process group " + ref + " gone", () -> !ProcessGroups.hasLiveMember(Long.parseLong(ref)));
  }

  @Test
  void aJobWithoutALimitIsNotStopped() {
    Job job = job("2", "greet", Map.of("text", "hi"), List.of());
    harness.submit(job);

    assertThat(harness.awaitEnd(job).phase()).isEqualTo(ExecutionPhase.SUCCEEDED);
  }

  @Test
  void aChangedLimitMovesTheDeadline() {
    Job job = forever("3", 3600);
    harness.submit(job);
    harness.awaitLog(job, "running");

    harness.executor().timeLimitChanged(JobBuilder.from(job).timeLimitSeconds(1).build());

    ExecutionStatus end =
        harness.pushed().awaitFinished("3", Await.DEFAULT_TIMEOUT);
    assertThat(end.phase()).isEqualTo(ExecutionPhase.TIMED_OUT);
  }

  @Test
  void aReadoptedRunKeepsTheDeadlineOfItsOwnStart() {
    Job job = forever("4", 30);
    harness.submit(job);
    harness.awaitLog(job, "running");

    // The new instance starts after the deadline: counted from the run's recorded start, it is
    // already past, so the first status poll stops the run.
    harness.restart();
    harness.clock().advance(Duration.ofSeconds(31));
    assertThat(harness.executor().status(job)).isPresent();

    ExecutionStatus end = harness.pushed().awaitFinished("4", Await.DEFAULT_TIMEOUT);
    assertThat(end.phase()).isEqualTo(ExecutionPhase.TIMED_OUT);
  }
}
