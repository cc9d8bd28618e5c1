package dev.berth.core.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.GpuResources;
import dev.berth.api.GpuVerdict;
import dev.berth.api.Job;
import dev.berth.api.JobState;
import dev.berth.api.NodeResources;
import dev.berth.api.NodeVerdict;
import dev.berth.api.AvailabilityVerdict;
import dev.berth.core.jobs.JobView;
import dev.berth.core.settings.SchedulerSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Easy backfill: the first job that cannot start gets a reservation computed from the running
 * jobs' time limits, and later jobs start only if they cannot delay it. Strict order stays the
 * default.
 */
class SchedulerBackfillTest {
  private final ManualScheduler berth = ManualScheduler.builder().maxRunningJobs(4).build();

  @AfterEach
  void close() throws Exception {
    berth.close();
  }

  private void easy() {
    berth.settings(SchedulerSettings.SECTION, Map.of(SchedulerSettings.BACKFILL, "easy"));
  }

  @Test
  void aShortJobBackfillsAroundTheReservationAndALongOneWaitsForIt() {
    easy();
    berth.idleGpus("ws", 2);
    Job running = berth.submit("ann", 1, Duration.ofMinutes(10));
    assertThat(berth.runPass()).isEqualTo(1);
    berth.started(running.id());
    Instant start = berth.clock().instant();

    Job wide = berth.submit("bob", 2, Duration.ofMinutes(30));
    Job longOne = berth.submit("dan", 1, Duration.ofHours(1));
    Job shortOne = berth.submit("cid", 1, Duration.ofMinutes(5));
    assertThat(berth.runPass()).isEqualTo(1);

    assertThat(berth.job(shortOne.id()).state()).as("ends before the reservation").isEqualTo(JobState.SCHEDULED);
    assertThat(berth.job(wide.id()).state()).isEqualTo(JobState.QUEUED);
    assertThat(berth.job(longOne.id()).state()).isEqualTo(JobState.QUEUED);
    JobView wideView = berth.view(wide.id());
    assertThat(wideView.estimatedStartAt()).as("when the running job reaches its limit")
        .isEqualTo(start.plus(Duration.ofMinutes(10)));
    JobView longView = berth.view(longOne.id());
    assertThat(longView.waitingReasons()).extracting(WaitingReason::code).containsExactly(ReasonCode.RESERVED);
    assertThat(longView.waitingReasons().get(0).message())
        .contains("backfill holds GPUs 0, 1 of ws for job " + wide.id());
  }

  @Test
  void strictOrderKeepsEveryJobBehindTheFirstThatCannotStart() {
    berth.idleGpus("ws", 2);
    Job running = berth.submit("ann", 1, Duration.ofMinutes(10));
    berth.runPass();
    berth.started(running.id());
    Job wide = berth.submit("bob", 2, Duration.ofMinutes(30));
    Job shortOne = berth.submit("cid", 1, Duration.ofMinutes(5));

    assertThat(berth.runPass()).isZero();
    assertThat(berth.waiting().blockedJobId()).isEqualTo(wide.id());
    JobView behind = berth.view(shortOne.id());
    assertThat(behind.waitingReasons()).extracting(WaitingReason::code).containsExactly(ReasonCode.PRIORITY);
    assertThat(behind.estimatedStartAt()).as("strict: no earlier than the job ahead, after it")
        .isEqualTo(berth.view(wide.id()).estimatedStartAt().plus(Duration.ofMinutes(30)));
  }

  @Test
  void aJobOnGpusTheReservationDoesNotNeedMayRunPastIt() {
    easy();
    berth.idleGpus("ws", 3);
    Job a = berth.submit("ann", 1, Duration.ofMinutes(10));
    Job b = berth.submit("ann", 1, Duration.ofMinutes(20));
    assertThat(berth.runPass()).isEqualTo(2);
    berth.started(a.id());
    berth.started(b.id());
    Job wide = berth.submit("bob", 2, Duration.ofMinutes(30));
    Job longOne = berth.submit("dan", 1, Duration.ofHours(5));

    assertThat(berth.runPass()).as("wide waits for GPU 0 at +10 min; GPU 2 is not part of its reservation")
        .isZero();
    // The reservation takes the two GPUs free first: GPU 2 now and GPU 0 at +10 min.
    assertThat(berth.view(wide.id()).estimatedStartAt()).isEqualTo(berth.clock().instant().plus(Duration.ofMinutes(10)));
    assertThat(berth.job(longOne.id()).state()).as("its GPU would be the reserved GPU 2").isEqualTo(JobState.QUEUED);
  }

  @Test
  void aGpuBusyOutsideBerthHasNoKnownEndAndTheEstimateSaysSo() throws Exception {
    try (ManualScheduler judged = ManualScheduler.builder().maxRunningJobs(4)
        .policy("busy-above-80", SchedulerBackfillTest::busyAbove80).build()) {
      judged.settings(SchedulerSettings.SECTION, Map.of(SchedulerSettings.BACKFILL, "easy"));
      judged.resources(new NodeResources("ws", 5.0, 20.0,
          List.of(SettableProbe.gpu(0, 0), SettableProbe.gpu(1, 95)), List.of()));
      Job wide = judged.submit("bob", 2, Duration.ofMinutes(30));
      Job small = judged.submit("cid", 1, Duration.ofHours(3));

      assertThat(judged.runPass()).as("the 1-GPU job may use GPU 0: the wide job has no start to delay").isEqualTo(1);
      JobView view = judged.view(wide.id());
      assertThat(view.waitingReasons()).extracting(WaitingReason::code).containsExactly(ReasonCode.RESOURCES);
      assertThat(view.estimatedStartAt()).isNull();
      assertThat(view.estimateNote()).isEqualTo("GPU 1 is busy outside Berth (GPU 1 utilization 95 % ≥ 80 %)");
      assertThat(judged.job(small.id()).state()).isEqualTo(JobState.SCHEDULED);
    }
  }

  private static AvailabilityVerdict busyAbove80(dev.berth.api.ResourceSnapshot snapshot) {
    return new AvailabilityVerdict(snapshot.nodes().stream()
        .map(n -> new NodeVerdict(n.name(), List.of(), n.gpus().stream()
            .map(g -> new GpuVerdict(g.index(), g.utilizationPercent() >= 80
                ? List.of("GPU " + g.index() + " utilization " + Math.round(g.utilizationPercent()) + " % ≥ 80 %")
                : List.of()))
            .toList()))
        .toList());
  }

  @Test
  void estimatesEqualTheActualStartsWhenEveryJobRunsExactlyToItsLimit() {
    easy();
    berth.idleGpus("ws", 2);
    List<Job> jobs = List.of(
        berth.submit("ann", 1, Duration.ofMinutes(10)),
        berth.submit("bob", 2, Duration.ofMinutes(20)),
        berth.submit("cid", 1, Duration.ofMinutes(5)),
        berth.submit("dan", 1, Duration.ofMinutes(40)),
        berth.submit("eve", 2, Duration.ofMinutes(15)));
    Instant t0 = berth.clock().instant();
    berth.runPass();
    Map<String, Instant> estimated = new java.util.HashMap<>();
    for (Job j : jobs) {
      JobView v = berth.view(j.id());
      estimated.put(j.id(), v.state() == JobState.QUEUED ? v.estimatedStartAt() : berth.job(j.id()).scheduledAt());
    }
    assertThat(estimated.values()).doesNotContainNull();

    Map<String, Instant> actual = runToLimits(jobs);
    assertThat(actual).isEqualTo(estimated);
    assertThat(estimated.get(jobs.get(0).id())).isEqualTo(t0);
  }

  /** Runs every job exactly to its limit, pass by pass, and answers when each started. */
  private Map<String, Instant> runToLimits(List<Job> jobs) {
    Map<String, Instant> started = new java.util.HashMap<>();
    for (int step = 0; step < 100 && started.size() < jobs.size(); step++) {
      berth.runPass();
      Instant next = null;
      for (Job j : jobs) {
        Job now = berth.job(j.id());
        if (now.state() == JobState.SCHEDULED) {
          berth.started(j.id());
          started.put(j.id(), now.scheduledAt());
          now = berth.job(j.id());
        }
        if (now.state() == JobState.RUNNING) {
          Instant end = now.startedAt().plusSeconds(now.timeLimitSeconds());
          if (!end.isAfter(berth.clock().instant())) {
            berth.finished(j.id(), 0);
          } else if (next == null || end.isBefore(next)) {
            next = end;
          }
        }
      }
      if (next != null && berth.job(jobs.get(jobs.size() - 1).id()).state() != JobState.COMPLETED) {
        berth.clock().set(next);
        for (Job j : jobs) {
          Job now = berth.job(j.id());
          if (now.state() == JobState.RUNNING && !now.startedAt().plusSeconds(now.timeLimitSeconds()).isAfter(next)) {
            berth.finished(j.id(), 0);
          }
        }
      }
    }
    return started;
  }
}
