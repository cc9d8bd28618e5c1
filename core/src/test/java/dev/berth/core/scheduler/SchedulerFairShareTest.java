package dev.berth.core.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.Job;
import dev.berth.api.JobState;
import dev.berth.api.UserUsage;
import dev.berth.core.settings.FairshareSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An order that scores, driven pass by pass: the usage ledger is fed from running and ended jobs,
 * decays with its half-life, and the score ranks the whole queue, not a window.
 */
class SchedulerFairShareTest {
  private final ManualScheduler berth = ManualScheduler.builder().order(new FairShareOrder()).maxRunningJobs(4).build();

  @AfterEach
  void close() throws Exception {
    berth.close();
  }

  @Test
  void aColleaguesSingleJobGoesBeforeTheThirdOfSomeoneWhoHasUsedGpus() {
    berth.idleGpus("ws", 2);
    List<Job> alices = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      alices.add(berth.submit("alice", 1, Duration.ofHours(1)));
    }
    assertThat(berth.runPass()).isEqualTo(2);
    berth.started(alices.get(0).id());
    berth.started(alices.get(1).id());
    Job bobs = berth.submit("bob", 1, Duration.ofHours(1));

    berth.advance(Duration.ofMinutes(10));
    berth.finished(alices.get(0).id(), 0);
    assertThat(berth.runPass()).isEqualTo(1);

    assertThat(berth.job(bobs.id()).state()).isEqualTo(JobState.SCHEDULED);
    assertThat(berth.job(alices.get(2).id()).state()).isEqualTo(JobState.QUEUED);
    assertThat(usage("alice")).as("10 min of each of two GPUs").isEqualTo(1_200.0);
  }

  @Test
  void usageDecaysSoThatLongAgoCountsLess() {
    berth.settings(FairshareSettings.SECTION, Map.of(FairshareSettings.HALF_LIFE_HOURS, 1));
    berth.idleGpus("ws", 1);
    Job old = berth.submit("alice", 1, Duration.ofHours(2));
    berth.runPass();
    berth.started(old.id());
    berth.advance(Duration.ofHours(1));
    berth.finished(old.id(), 0);
    berth.runPass();
    berth.advance(Duration.ofHours(3));
    Job recent = berth.submit("bob", 1, Duration.ofHours(2));
    berth.runPass();
    berth.started(recent.id());
    berth.advance(Duration.ofMinutes(30));
    berth.finished(recent.id(), 0);
    berth.runPass();

    // alice: 3,600 GPU-s, 3.5 h old; bob: 1,800 GPU-s, just now. Decayed: 3600·2^−3.5 ≈ 318 < 1800.
    assertThat(usage("alice")).isEqualTo(3_600.0);
    Job a = berth.submit("alice", 1, Duration.ofHours(1));
    Job b = berth.submit("bob", 1, Duration.ofHours(1));
    berth.runPass();
    assertThat(berth.job(a.id()).state()).as("alice's older usage counts less than bob's").isEqualTo(JobState.SCHEDULED);
    assertThat(berth.job(b.id()).state()).isEqualTo(JobState.QUEUED);
  }

  @Test
  void theScoreRanksTheWholeQueueNotAWindow() {
    berth.idleGpus("ws", 1);
    Job first = berth.submit("alice", 1, Duration.ofHours(1));
    berth.runPass();
    berth.started(first.id());
    berth.advance(Duration.ofMinutes(1));
    for (int i = 0; i < 3 * Scheduler.WINDOW; i++) {
      berth.submit("alice", 1, Duration.ofHours(1));
    }
    Job bobs = berth.submit("bob", 1, Duration.ofHours(1));
    berth.advance(Duration.ofMinutes(1));
    berth.finished(first.id(), 0);

    assertThat(berth.runPass()).isEqualTo(1);
    assertThat(berth.job(bobs.id()).state()).isEqualTo(JobState.SCHEDULED);
  }

  @Test
  void theQueueShowsEachJobsScoreTermByTerm() {
    berth.idleGpus("ws", 0);
    Job a = berth.submit("alice", 1, Duration.ofHours(1));
    berth.runPass();
    var view = berth.view(a.id());
    assertThat(view.score()).isNotNull();
    assertThat(view.score().factors()).extracting(f -> f.name()).containsExactly("fairshare", "age");
    assertThat(view.position()).isEqualTo(1);
  }

  private double usage(String user) {
    return berth.store().usage(Instant.now(), Duration.ofDays(10_000)).stream()
        .filter(u -> u.user().equals(user)).mapToDouble(UserUsage::gpuSeconds).findFirst().orElse(0);
  }
}
