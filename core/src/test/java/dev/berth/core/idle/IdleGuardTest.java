package dev.berth.core.idle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.ExecutionStatus;
import dev.berth.api.GpuResources;
import dev.berth.api.Job;
import dev.berth.api.JobEvent;
import dev.berth.api.JobExecutor;
import dev.berth.api.JobListener;
import dev.berth.api.JobState;
import dev.berth.api.JobSubmission;
import dev.berth.api.JobTemplate;
import dev.berth.api.JobTransition;
import dev.berth.api.LogChunk;
import dev.berth.api.NodeResources;
import dev.berth.api.NotifyPreferences;
import dev.berth.api.Placement;
import dev.berth.api.ResourceSnapshot;
import dev.berth.core.auth.AuditLog;
import dev.berth.core.host.Provided;
import dev.berth.core.metrics.BerthMetrics;
import dev.berth.core.notify.Backoff;
import dev.berth.core.notify.ListenerDelivery;
import dev.berth.core.scheduler.JobChanges;
import dev.berth.core.scheduler.StateWriter;
import dev.berth.core.settings.IdleGuardSettings;
import dev.berth.core.settings.SettingsService;
import dev.berth.testkit.Await;
import dev.berth.testkit.SettableClock;
import dev.berth.testkit.memory.InMemoryQueueStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IdleGuardTest {
  private static final Duration PROBE = Duration.ofSeconds(60);

  private final SettableClock clock = new SettableClock(Instant.parse("2026-03-02T09:00:00Z"));
  private final InMemoryQueueStore store = new InMemoryQueueStore();
  private final List<String> heard = Collections.synchronizedList(new ArrayList<>());
  private final List<String> cancelled = Collections.synchronizedList(new ArrayList<>());
  private final ListenerDelivery delivery = new ListenerDelivery(
      List.of(new Provided<>("recorder", (JobListener) (JobEvent e, Job j) ->
          heard.add(NotifyPreferences.eventOf(e) + " " + j.id() + " " + e.actor()))),
      new Backoff(List.of()), 100, clock, new BerthMetrics());
  private final JobChanges changes = new JobChanges(store, delivery);
  private final SettingsService settings = new SettingsService();
  private final AuditLog audit = new AuditLog(store, clock);
  private final AtomicBoolean leading = new AtomicBoolean(true);
  private IdleGuard guard;

  @AfterEach
  void close() throws Exception {
    changes.close();
  }

  private IdleGuard guard() {
    settings.register(IdleGuardSettings.SCHEMA);
    settings.attach(store);
    guard = new IdleGuard(store, new Executor(), new StateWriter(store, changes), delivery, audit,
        () -> settings.current(IdleGuardSettings.SECTION), clock, leading::get);
    return guard;
  }

  private Job running(boolean interactive, int... gpus) {
    Job job = store.enqueue(new JobSubmission("train", "ann", "demo", Map.of(), gpus.length, 0, 86_400, null,
        interactive), clock.instant());
    List<Integer> indexes = java.util.Arrays.stream(gpus).boxed().toList();
    store.claim(job.id(), new Placement("node-a", indexes), clock.instant(), "scheduler", 0).orElseThrow();
    return store.transition(job.id(), java.util.Set.of(JobState.SCHEDULED),
        JobTransition.to(JobState.RUNNING, clock.instant(), "executor", null)).orElseThrow();
  }

  /** Advances the clock one probe interval and feeds a sample with these utilisations for GPUs 0, 1, … */
  private void sample(double... utilization) {
    clock.advance(PROBE);
    List<GpuResources> gpus = new ArrayList<>();
    for (int i = 0; i < utilization.length; i++) {
      gpus.add(new GpuResources(i, "GPU-" + i, "H100", 1000L, 80_000L, utilization[i], 70.0));
    }
    guard.onSample(new ResourceSnapshot(clock.instant(),
        List.of(new NodeResources("node-a", 10.0, 20.0, gpus, List.of())), List.of()));
  }

  private void minutes(int n, double... utilization) {
    for (int i = 0; i < n; i++) {
      sample(utilization);
    }
  }

  @Test
  void theOwnerIsToldOnceAfterWarnAfterMinutesIdleAndTheJobSaysSo() {
    guard();
    Job job = running(false, 0);

    // The first sample is where the idle clock starts; thirty minutes later the owner is told.
    minutes(30, 0.0, 90.0);
    assertThat(store.get(job.id()).orElseThrow().message()).isNull();
    minutes(1, 0.0, 90.0);
    minutes(19, 0.0, 90.0);

    Await.until("listener calls", () -> heard.size() == 1);
    assertThat(heard).containsExactly("idle " + job.id() + " idle-guard");
    Job after = store.get(job.id()).orElseThrow();
    assertThat(after.state()).isEqualTo(JobState.RUNNING);
    assertThat(after.message()).startsWith("idle GPU: every GPU of this job has been under 5 % utilisation for 30 min");
    assertThat(audit.recent(10)).anySatisfy(e -> {
      assertThat(e.action()).isEqualTo("job.idle");
      assertThat(e.target()).isEqualTo(job.id());
    });
    JobUtilization u = guard.utilization(job.id()).orElseThrow();
    assertThat(u.warned()).isTrue();
    assertThat(u.points()).hasSize(50);
    assertThat(u.idleGpuHours()).isCloseTo(49 / 60.0, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void aJobAtFiftyPercentIsNeverFlaggedEvenWithTheOtherGpusIdle() {
    guard();
    Job job = running(false, 0, 1);

    minutes(300, 0.0, 50.0);

    assertThat(store.get(job.id()).orElseThrow().message()).isNull();
    assertThat(store.get(job.id()).orElseThrow().state()).isEqualTo(JobState.RUNNING);
    JobUtilization u = guard.utilization(job.id()).orElseThrow();
    assertThat(u.idleSince()).isNull();
    assertThat(u.decision()).isEqualTo("in use");
    assertThat(u.idleGpuHours()).isZero();
    assertThat(u.points()).allSatisfy(p -> assertThat(p.utilizationPercent()).isEqualTo(25.0));
    assertThat(heard).isEmpty();
  }

  @Test
  void withActionCancelTheJobIsCancelledWithTheReasonAfterCancelAfterMinutes() {
    guard();
    settings.update(IdleGuardSettings.SECTION, Map.of("action", "cancel", "warnAfterMinutes", 10,
        "cancelAfterMinutes", 45), "admin");
    Job job = running(false, 0);

    minutes(45, 1.0);
    assertThat(store.get(job.id()).orElseThrow().state()).isEqualTo(JobState.RUNNING);
    minutes(1, 1.0);

    Job after = store.get(job.id()).orElseThrow();
    assertThat(after.state()).isEqualTo(JobState.CANCELLED);
    assertThat(after.message()).isEqualTo("cancelled by the idle-GPU guard: every GPU of this job was under 5 %"
        + " utilisation for 45 min (idleGuard.cancelAfterMinutes)");
    assertThat(cancelled).containsExactly(job.id());
    assertThat(store.events(job.id()).get(store.events(job.id()).size() - 1).actor()).isEqualTo("idle-guard");
    Await.until("listener calls", () -> heard.size() == 2);
    assertThat(heard).containsExactly("idle " + job.id() + " idle-guard", "cancelled " + job.id() + " idle-guard");
  }

  @Test
  void workBetweenIdleStretchesStartsTheIdleClockAgain() {
    guard();
    Job job = running(false, 0);

    minutes(25, 0.0);
    minutes(1, 80.0);
    minutes(25, 0.0);

    assertThat(store.get(job.id()).orElseThrow().message()).isNull();
    assertThat(guard.utilization(job.id()).orElseThrow().decision())
        .isEqualTo("idle for 25 min, under idleGuard.warnAfterMinutes");
  }

  @Test
  void anInteractiveJobIsExemptUntilInteractiveMaxMinutesThenJudgedLikeAnyOther() {
    guard();
    settings.update(IdleGuardSettings.SECTION, Map.of("interactiveMaxMinutes", 60), "admin");
    Job job = running(true, 0);

    minutes(59, 0.0);
    assertThat(store.get(job.id()).orElseThrow().message()).isNull();
    assertThat(guard.utilization(job.id()).orElseThrow().decision())
        .isEqualTo("interactive: exempt for its first 60 min of running");
    minutes(1, 0.0);

    assertThat(store.get(job.id()).orElseThrow().message()).startsWith("idle GPU: ");
  }

  @Test
  void onlyTheLeaderActsAndAWarningInTheStoreIsNotRepeatedByTheNextLeader() {
    guard();
    Job job = running(false, 0);
    leading.set(false);
    minutes(40, 0.0);
    assertThat(store.get(job.id()).orElseThrow().message()).isNull();

    leading.set(true);
    sample(0.0);
    assertThat(store.get(job.id()).orElseThrow().message()).startsWith("idle GPU: ");

    // A restarted Berth (a new guard, no memory) reads the warning from the job and stays quiet.
    IdleGuard restarted = new IdleGuard(store, new Executor(), new StateWriter(store, changes), delivery, audit,
        () -> settings.current(IdleGuardSettings.SECTION), clock, () -> true);
    guard = restarted;
    minutes(40, 0.0);
    Await.until("listener calls", () -> heard.size() == 1);
    assertThat(audit.recent(50)).filteredOn(e -> e.action().equals("job.idle")).hasSize(1);
  }

  @Test
  void withActionNoneNothingIsDoneButTheHistoryIsKept() {
    guard();
    settings.update(IdleGuardSettings.SECTION, Map.of("action", "none"), "admin");
    Job job = running(false, 0);

    minutes(120, 0.0);

    assertThat(store.get(job.id()).orElseThrow().message()).isNull();
    assertThat(guard.utilization(job.id()).orElseThrow().points()).hasSize(120);
  }

  @Test
  void aJobWhoseGpuTheProbeDidNotMeasureIsNeverJudged() {
    guard();
    Job job = running(false, 3);

    minutes(60, 0.0);

    assertThat(guard.utilization(job.id())).isEmpty();
    assertThat(store.get(job.id()).orElseThrow().message()).isNull();
  }

  /** Records the cancels; the guard calls nothing else. */
  private final class Executor implements JobExecutor {
    @Override
    public List<JobTemplate> templates() {
      return List.of();
    }

    @Override
    public String submit(Job job) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<ExecutionStatus> status(Job job) {
      return Optional.empty();
    }

    @Override
    public void cancel(Job job) {
      cancelled.add(job.id());
    }

    @Override
    public LogChunk readLog(Job job, long offset, int maxBytes) {
      throw new UnsupportedOperationException();
    }

    @Override
    public String tailLog(Job job, int lines) {
      return "";
    }

    @Override
    public List<ExecutionStatus> active() {
      return List.of();
    }
  }
}
