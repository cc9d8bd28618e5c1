package dev.berth.core.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.Job;
import dev.berth.api.JobState;
import dev.berth.api.JobSubmission;
import dev.berth.api.JobTransition;
import dev.berth.api.Placement;
import dev.berth.core.errors.ValidationException;
import dev.berth.testkit.SettableClock;
import dev.berth.testkit.memory.InMemoryQueueStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A scripted day (1 March 2026, UTC) whose figures were worked out by hand:
 *
 * <pre>
 * job  user tmpl  gpus submitted      started        ended               in-window GPU-h  wait   run
 * 1    ann  demo  2    03-01 08:00    08:10          COMPLETED 10:10     2 × 2 h = 4      600 s  7200 s
 * 2    ann  train 1    09:00          09:30          FAILED 09:45        0.25             1800 s 900 s
 * 3    bob  train 4    02-28 20:00    02-28 22:00    COMPLETED 03-01 02:00  4 × 2 h = 8   (began before)  14400 s
 * 4    bob  demo  1    20:00          20:05          still RUNNING       3 h 55 min       300 s  -
 * 5    cy   demo  0    12:00          -              CANCELLED 12:30     0                -      -
 * </pre>
 *
 * The report is read at 03-02 00:00 over {@code since=1d}. Percentiles are nearest-rank.
 */
class UsageServiceTest {
  private final SettableClock clock = new SettableClock(Instant.parse("2026-03-02T00:00:00Z"));
  private final InMemoryQueueStore store = new InMemoryQueueStore();
  private final UsageService usage = new UsageService(store, clock, () -> null);

  @BeforeEach
  void scriptTheDay() {
    job("ann", "demo", 2, "2026-03-01T08:00:00Z", "2026-03-01T08:10:00Z", JobState.COMPLETED, "2026-03-01T10:10:00Z");
    job("ann", "train", 1, "2026-03-01T09:00:00Z", "2026-03-01T09:30:00Z", JobState.FAILED, "2026-03-01T09:45:00Z");
    job("bob", "train", 4, "2026-02-28T20:00:00Z", "2026-02-28T22:00:00Z", JobState.COMPLETED, "2026-03-01T02:00:00Z");
    job("bob", "demo", 1, "2026-03-01T20:00:00Z", "2026-03-01T20:05:00Z", JobState.RUNNING, null);
    Job queued = store.enqueue(new JobSubmission("j", "cy", "demo", Map.of(), 0, 0, 3600), at("2026-03-01T12:00:00Z"));
    store.transition(queued.id(), Set.of(JobState.QUEUED),
        JobTransition.to(JobState.CANCELLED, at("2026-03-01T12:30:00Z"), "cy", "not needed")).orElseThrow();
  }

  @Test
  void byUserTheFiguresMatchTheHandWorkedOnes() {
    UsageReport r = usage.report(null, "1d", "user");

    assertThat(r.since()).isEqualTo(at("2026-03-01T00:00:00Z"));
    assertThat(r.groups()).extracting(UsageGroup::key).containsExactly("ann", "bob", "cy");
    UsageGroup ann = r.groups().get(0);
    assertThat(ann.gpuHours()).isEqualTo(4.25);
    assertThat(ann.jobs()).containsEntry("COMPLETED", 1L).containsEntry("FAILED", 1L).containsEntry("CANCELLED", 0L);
    assertThat(ann.waitP50Seconds()).isEqualTo(600.0);
    assertThat(ann.waitP95Seconds()).isEqualTo(1800.0);
    assertThat(ann.runP50Seconds()).isEqualTo(900.0);
    assertThat(ann.idleGpuHours()).isNull();
    assertThat(ann.fairShareGpuHours()).isNull();
    UsageGroup bob = r.groups().get(1);
    assertThat(bob.gpuHours()).isEqualTo(11.9167); // 8 + 3 h 55 min
    assertThat(bob.jobs()).containsEntry("COMPLETED", 1L);
    assertThat(bob.waitP50Seconds()).isEqualTo(300.0);
    assertThat(bob.runP50Seconds()).isEqualTo(14400.0);
    UsageGroup cy = r.groups().get(2);
    assertThat(cy.gpuHours()).isZero();
    assertThat(cy.jobs()).containsEntry("CANCELLED", 1L);
    assertThat(cy.waitP50Seconds()).isNull();
    assertThat(cy.runP50Seconds()).isNull();
  }

  @Test
  void idleGpuHoursAreTheIdleGuardsStretchesThatEndedInsideTheWindow() {
    java.util.Map<String, java.util.List<dev.berth.core.idle.UtilizationPoint>> history = Map.of(
        "1", java.util.List.of(point("2026-03-01T08:10:00Z", "2026-03-01T09:10:00Z", 2, 3600),
            point("2026-03-01T09:10:00Z", "2026-03-01T10:10:00Z", 2, 0)),
        "3", java.util.List.of(point("2026-02-28T22:00:00Z", "2026-02-28T23:00:00Z", 4, 3600)),
        "4", java.util.List.of(point("2026-03-01T20:05:00Z", "2026-03-01T20:35:00Z", 1, 1800)));
    UsageService guarded = new UsageService(store, clock, () -> null, id -> history.getOrDefault(id, java.util.List.of()));

    assertThat(guarded.report(null, "1d", "user").groups()).extracting(UsageGroup::key, UsageGroup::idleGpuHours)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("ann", 2.0), org.assertj.core.groups.Tuple.tuple("bob", 0.5),
            org.assertj.core.groups.Tuple.tuple("cy", 0.0));
    assertThat(guarded.report(null, "1d", "day").groups()).extracting(UsageGroup::idleGpuHours).containsExactly(2.5);
  }

  private static dev.berth.core.idle.UtilizationPoint point(String from, String to, int gpus, long idleSeconds) {
    return new dev.berth.core.idle.UtilizationPoint(Instant.parse(from), Instant.parse(to), idleSeconds > 0 ? 0 : 60,
        1000L, gpus, idleSeconds);
  }

  @Test
  void byTemplateAndByDay() {
    assertThat(usage.report(null, "1d", "template").groups())
        .extracting(UsageGroup::key, UsageGroup::gpuHours)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("demo", 7.9167), org.assertj.core.groups.Tuple.tuple("train", 8.25));
    List<UsageGroup> days = usage.report(null, "2d", "day").groups();
    // Over two days, job 3's first two hours fall on 28 February.
    assertThat(days).extracting(UsageGroup::key).containsExactly("2026-02-28", "2026-03-01");
    assertThat(days.get(0).gpuHours()).isEqualTo(8.0);
    assertThat(days.get(1).gpuHours()).isEqualTo(16.1667);
    assertThat(days.get(0).waitP50Seconds()).isEqualTo(7200.0);
  }

  @Test
  void theChartsSplitGpuHoursByUserAndDayAndCountWaitsPerBucket() {
    UsageCharts c = usage.charts(null, "2d");

    assertThat(c.days()).containsExactly("2026-02-28", "2026-03-01", "2026-03-02");
    assertThat(c.users()).containsExactly("ann", "bob", "cy");
    assertThat(c.gpuHours()[2]).containsExactly(0.0, 0.0, 0.0);
    assertThat(c.gpuHours()[0]).containsExactly(0.0, 4.25, 0.0);
    assertThat(c.gpuHours()[1]).containsExactly(8.0, 11.9167, 0.0);
    assertThat(c.waitCounts()).containsExactly(0, 1, 2, 1, 0, 0); // 300 s; 600 s and 1800 s; 7200 s
    // 10:00-11:00 on 1 March: job 1's two GPUs for 10 minutes, nothing else.
    int ten = (int) ((Instant.parse("2026-03-01T10:00:00Z").getEpochSecond() - c.hours()[0]) / 3600);
    assertThat(c.gpusInUse()[ten]).isEqualTo(0.3333);
  }

  @Test
  void aUserSeesOnlyTheirOwnJobs() {
    assertThat(usage.report("ann", "1d", "user").groups()).extracting(UsageGroup::key).containsExactly("ann");
  }

  @Test
  void theFairShareColumnComesFromTheLedgerWhenThatOrderIsActiveAndIsLeftOutWithoutALedger() {
    // The in-memory store as a store written before the ledger existed: usage() is not there.
    dev.berth.api.QueueStore noLedger = (dev.berth.api.QueueStore) java.lang.reflect.Proxy.newProxyInstance(
        getClass().getClassLoader(), new Class<?>[] {dev.berth.api.QueueStore.class}, (proxy, method, args) -> {
          if (method.getName().equals("usage")) {
            throw new UnsupportedOperationException("this store keeps no usage ledger");
          }
          try {
            return method.invoke(store, args);
          } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
          }
        });
    UsageService withOrder = new UsageService(noLedger, clock, () -> java.time.Duration.ofDays(7));
    assertThat(withOrder.report(null, "1d", "user").groups()).allMatch(g -> g.fairShareGpuHours() == null);
  }

  @Test
  void badSinceAndByAreFieldErrors() {
    assertThatThrownBy(() -> usage.report(null, "soon", "user")).isInstanceOfSatisfying(ValidationException.class,
        e -> assertThat(e.errors().get(0).field()).isEqualTo("since"));
    assertThatThrownBy(() -> usage.report(null, "400d", "user")).hasMessageContaining("at most 366 days");
    assertThatThrownBy(() -> usage.report(null, "1d", "node")).isInstanceOfSatisfying(ValidationException.class,
        e -> assertThat(e.errors().get(0).field()).isEqualTo("by"));
  }

  private void job(String user, String template, int gpus, String submitted, String started, JobState end, String ended) {
    Job j = store.enqueue(new JobSubmission("j", user, template, Map.of(), gpus, 0, 86400), at(submitted));
    store.claim(j.id(), new Placement("node-a", IntStream.range(0, gpus).boxed().toList()), at(started), "scheduler")
        .orElseThrow();
    store.transition(j.id(), Set.of(JobState.SCHEDULED), JobTransition.to(JobState.RUNNING, at(started), "executor", null))
        .orElseThrow();
    if (end != JobState.RUNNING) {
      store.transition(j.id(), Set.of(JobState.RUNNING), JobTransition.to(end, at(ended), "executor", null)).orElseThrow();
    }
  }

  private static Instant at(String iso) {
    return Instant.parse(iso);
  }
}
