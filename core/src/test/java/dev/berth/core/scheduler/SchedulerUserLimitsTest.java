package dev.berth.core.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.Job;
import dev.berth.api.JobState;
import dev.berth.core.jobs.JobView;
import dev.berth.core.settings.LimitSettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Per-user limits: passed over while others wait, lifted while nobody else could start. */
class SchedulerUserLimitsTest {
  private final ManualScheduler berth = ManualScheduler.builder().maxRunningJobs(8).build();

  @AfterEach
  void close() throws Exception {
    berth.close();
  }

  @Test
  void aUserAtTheLimitIsPassedOverForAnotherUsersJob() {
    berth.settings(LimitSettings.SECTION, Map.of(LimitSettings.MAX_RUNNING_JOBS_PER_USER, 1));
    berth.idleGpus("ws", 2);
    Job a1 = berth.submit("alice", 1, Duration.ofHours(1));
    Job a2 = berth.submit("alice", 1, Duration.ofHours(1));
    Job b1 = berth.submit("bob", 1, Duration.ofHours(1));

    assertThat(berth.runPass()).isEqualTo(2);
    assertThat(berth.job(a1.id()).state()).isEqualTo(JobState.SCHEDULED);
    assertThat(berth.job(b1.id()).state()).as("bob's job skips alice's second").isEqualTo(JobState.SCHEDULED);
    JobView waiting = berth.view(a2.id());
    assertThat(waiting.waitingReasons()).extracting(WaitingReason::code).containsExactly(ReasonCode.QUOTA_USER);
    assertThat(waiting.waitingReasons().get(0).message())
        .isEqualTo("alice has 1 of 1 running jobs allowed (limits.maxRunningJobsPerUser)");
    assertThat(waiting.estimatedStartAt()).isNull();
    assertThat(waiting.estimateNote()).startsWith("over a per-user limit");
  }

  @Test
  void whileNobodyElseCouldStartTheLimitIsLifted() {
    berth.settings(LimitSettings.SECTION, Map.of(LimitSettings.MAX_RUNNING_JOBS_PER_USER, 1));
    berth.idleGpus("ws", 2);
    berth.submit("alice", 1, Duration.ofHours(1));
    Job a2 = berth.submit("alice", 1, Duration.ofHours(1));

    assertThat(berth.runPass()).isEqualTo(2);
    assertThat(berth.job(a2.id()).state()).isEqualTo(JobState.SCHEDULED);
  }

  @Test
  void withEnforcementAlwaysOnTheLimitHoldsEvenOnAnIdleCluster() {
    berth.settings(LimitSettings.SECTION, Map.of(LimitSettings.MAX_GPUS_PER_USER, 2,
        LimitSettings.ENFORCE_ONLY_WHEN_OTHERS_WAIT, false));
    berth.idleGpus("ws", 4);
    berth.submit("alice", 2, Duration.ofHours(1));
    Job a2 = berth.submit("alice", 1, Duration.ofHours(1));

    assertThat(berth.runPass()).isEqualTo(1);
    assertThat(berth.view(a2.id()).waitingReasons().get(0).message())
        .isEqualTo("alice holds 2 of 2 GPUs allowed and the job needs 1 more (limits.maxGpusPerUser)");
  }

  @Test
  void withoutLimitsTheFifoFastPathIsUnchanged() {
    berth.idleGpus("ws", 1);
    Job first = berth.submit("alice", 1, Duration.ofHours(1));
    Job second = berth.submit("alice", 1, Duration.ofHours(1));
    assertThat(berth.runPass()).isEqualTo(1);
    assertThat(berth.waiting().blockedJobId()).isEqualTo(second.id());
    assertThat(berth.view(second.id()).estimatedStartAt())
        .isEqualTo(berth.job(first.id()).scheduledAt().plus(Duration.ofHours(1)));
  }
}
