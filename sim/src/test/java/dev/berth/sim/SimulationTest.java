package dev.berth.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.AvailabilityPolicy;
import dev.berth.api.JobState;
import dev.berth.api.QueueOrder;
import dev.berth.api.UsageAccrual;
import dev.berth.core.host.Provided;
import dev.berth.order.fifo.FifoOrder;
import dev.berth.order.multifactor.MultifactorOrder;
import dev.berth.testkit.SettableClock;
import dev.berth.testkit.TestPluginContext;
import dev.berth.testkit.memory.InMemoryQueueStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator against cases computed by hand: the real scheduler, virtual time, seconds exact. */
class SimulationTest {
  @TempDir Path dir;
  private final SettableClock clock = new SettableClock(Simulation.START);

  @Test
  void twoJobsOnOneGpuRunOneAfterTheOther() {
    SimResult r = simulate(fifo(), Map.of(), "1x1", 1.0,
        job("a", "ann", 1, 0, 100, null), job("b", "bob", 1, 10, 50, null));

    Map<String, JobOutcome> j = byId(r);
    assertThat(seconds(j.get("a").startedAt())).isZero();
    assertThat(seconds(j.get("a").finishedAt())).isEqualTo(100);
    assertThat(seconds(j.get("b").startedAt())).isEqualTo(100);
    assertThat(seconds(j.get("b").finishedAt())).isEqualTo(150);
    Report report = Report.of(r);
    assertThat(report.meanJct()).isEqualTo(120.0); // (100 + 140) / 2
    assertThat(report.maxWait()).isEqualTo(90.0);
    assertThat(report.makespan()).isEqualTo(150.0);
    assertThat(report.utilisation()).isEqualTo(1.0);
    assertThat(report.estimateMae()).isZero(); // limits of 1 x the duration: each job runs exactly to its limit
  }

  @Test
  void easyBackfillStartsAShortJobAroundTheReservedOne() {
    // 2 GPUs. a holds one until 100; b needs both and reserves them from 100; c (50 s) ends before
    // then and backfills at once; d (200 s) would delay b, so it waits until b is done.
    TraceJob[] trace = {job("a", "ann", 1, 0, 100, null), job("b", "bob", 2, 1, 50, null),
        job("c", "cid", 1, 2, 50, null), job("d", "dan", 1, 3, 200, null)};

    Map<String, JobOutcome> easy = byId(simulate(fifo(), Map.of("backfill", "easy"), "1x2", 1.0, trace));
    assertThat(seconds(easy.get("c").startedAt())).isEqualTo(2);
    assertThat(seconds(easy.get("b").startedAt())).isEqualTo(100);
    assertThat(seconds(easy.get("d").startedAt())).isEqualTo(150);

    Map<String, JobOutcome> strict = byId(simulate(fifo(), Map.of("backfill", "none"), "1x2", 1.0, trace));
    assertThat(seconds(strict.get("b").startedAt())).isEqualTo(100);
    assertThat(seconds(strict.get("c").startedAt())).isEqualTo(150);
  }

  @Test
  void aJobPastItsLimitIsKilledAndItsGpuGoesToTheNext() {
    SimResult r = simulate(fifo(), Map.of(), "1x1", null,
        job("long", "ann", 1, 0, 100, 60), job("next", "bob", 1, 5, 10, null));

    Map<String, JobOutcome> j = byId(r);
    assertThat(j.get("long").state()).isEqualTo(JobState.TIMED_OUT);
    assertThat(seconds(j.get("long").finishedAt())).isEqualTo(60);
    assertThat(seconds(j.get("next").startedAt())).isEqualTo(60);
    assertThat(j.get("next").state()).isEqualTo(JobState.COMPLETED);
    assertThat(Report.of(r).timedOut()).isEqualTo(1);
  }

  @Test
  void aJobLargerThanEveryNodeIsCountedUnschedulable() {
    SimResult r = simulate(fifo(), Map.of(), "2x4", null, job("big", "ann", 8, 0, 10, null),
        job("ok", "ann", 4, 0, 10, null));

    assertThat(r.unschedulable()).isEqualTo(1);
    assertThat(r.jobs()).extracting(JobOutcome::traceId).containsExactly("ok");
    assertThat(Report.of(r).jobs()).isEqualTo(2);
  }

  @Test
  void fairShareLetsALightUserPassAHeavyOne() {
    Assumptions.assumeTrue(keepsUsage(), "the in-memory store keeps no usage ledger");
    // One GPU. ann queues four 100 s jobs at 0, bob one at 1. ann's first runs and accrues usage;
    // at 100 bob (no usage, factor 1) outranks ann (factor < 1) and goes next.
    Map<String, JobOutcome> j = byId(simulate(multifactor(), Map.of("backfill", "easy"), "1x1", 1.0,
        job("a1", "ann", 1, 0, 100, null), job("a2", "ann", 1, 0, 100, null), job("a3", "ann", 1, 0, 100, null),
        job("a4", "ann", 1, 0, 100, null), job("b1", "bob", 1, 1, 100, null)));

    assertThat(seconds(j.get("b1").startedAt())).isEqualTo(100);
    assertThat(seconds(j.get("a2").startedAt())).isEqualTo(200);
    assertThat(seconds(j.get("a4").startedAt())).isEqualTo(400);
  }

  // ---------------------------------------------------------------- helpers

  private SimResult simulate(QueueOrder order, Map<String, Object> scheduler, String cluster, Double factor,
      TraceJob... jobs) {
    Map<String, Object> s = new java.util.HashMap<>(scheduler);
    s.putIfAbsent("maxRunningJobs", 100);
    SimSettings settings = new SimSettings("test", "test", List.of(), Map.of("scheduler", s));
    List<Provided<AvailabilityPolicy>> none = List.of();
    return new Simulation(order, none, settings, Cluster.parse(cluster), new SimOptions(1, 1, factor, 1), clock)
        .run(new Trace(List.of(jobs), List.of()));
  }

  private QueueOrder fifo() {
    return new FifoOrder(new TestPluginContext("fifo", Map.of(), clock, dir));
  }

  private QueueOrder multifactor() {
    return new MultifactorOrder(new TestPluginContext("multifactor", Map.of(), clock, dir));
  }

  private static boolean keepsUsage() {
    try {
      new InMemoryQueueStore().accrueUsage(List.<UsageAccrual>of(), Duration.ofHours(1));
      return true;
    } catch (UnsupportedOperationException e) {
      return false;
    }
  }

  private static TraceJob job(String id, String user, int gpus, long submit, long duration, Integer limit) {
    return new TraceJob(0, id, user, gpus, submit, duration, limit);
  }

  private static Map<String, JobOutcome> byId(SimResult r) {
    return r.jobs().stream().collect(Collectors.toMap(JobOutcome::traceId, Function.identity()));
  }

  private static long seconds(java.time.Instant at) {
    return Duration.between(Simulation.START, at).toSeconds();
  }
}
