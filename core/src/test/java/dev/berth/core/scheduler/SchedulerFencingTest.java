package dev.berth.core.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.Job;
import dev.berth.api.JobState;
import dev.berth.api.QueueOrder;
import dev.berth.testkit.SettableClock;
import dev.berth.testkit.memory.InMemoryLeaderLease;
import dev.berth.testkit.memory.InMemoryQueueStore;
import dev.berth.testkit.memory.InMemoryStorage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two Berth processes on one store, each with its real {@link LeaseKeeper} over the in-memory lease,
 * on one clock: only the holder schedules, a leader paused past its lease claims nothing, and the
 * next leader adopts what the former one left.
 */
class SchedulerFencingTest {
  private static final Duration TTL = Duration.ofSeconds(30);

  private final SettableClock clock = new SettableClock();
  private final InMemoryStorage storage = new InMemoryStorage();
  private final List<AutoCloseable> opened = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : opened) {
      c.close();
    }
  }

  @Test
  void aLeaderPausedPastItsLeaseClaimsNothingAndTheNewLeaderClaimsOnce() {
    LeaseKeeper keeperA = keeper("berth-a");
    LeaseKeeper keeperB = keeper("berth-b");
    AtomicReference<Runnable> pause = new AtomicReference<>(() -> {});
    ManualScheduler a = process(keeperA, pausingOrder(pause));
    ManualScheduler b = process(keeperB, new SubmissionOrder());
    keeperA.tick();
    keeperB.tick();
    assertThat(a.scheduler().leading()).isTrue();
    assertThat(b.scheduler().leading()).isFalse();
    Job job = a.submit("ann", 1);

    // A checked its lease and is ranking the queue when it stalls (a GC pause, a frozen VM) for
    // longer than the ttl; meanwhile B takes the lease. The job is still QUEUED when A wakes, so
    // only the fencing token stops A's claim.
    pause.set(() -> {
      clock.advance(TTL.plusSeconds(1));
      keeperB.tick();
    });
    assertThat(a.runPass()).as("the store refused A's claim: its token is stale").isZero();
    assertThat(a.job(job.id()).state()).isEqualTo(JobState.QUEUED);
    assertThat(b.runPass()).isEqualTo(1);

    assertThat(a.executor().calls()).isEmpty();
    assertThat(b.executor().submittedIds()).containsExactly(job.id());
    assertThat(a.store().events(job.id())).as("claimed exactly once").hasSize(2);
    assertThat(keeperB.fencingToken()).isGreaterThan(keeperA.fencingToken());
  }

  @Test
  void theNextLeaderAdoptsTheFormerLeadersScheduledJobAndKeepsTheSlotLimit() {
    LeaseKeeper keeperA = keeper("berth-a");
    LeaseKeeper keeperB = keeper("berth-b");
    ManualScheduler a = process(keeperA, new SubmissionOrder());
    ManualScheduler b = process(keeperB, new SubmissionOrder());
    keeperA.tick();
    Job first = a.submit("ann", 1);
    Job second = b.submit("bob", 1);
    assertThat(b.runPass()).as("a follower does not schedule").isZero();
    assertThat(a.runPass()).isEqualTo(1);

    clock.advance(TTL.plusSeconds(1)); // A died: it renews no more
    assertThat(a.scheduler().leading()).as("A's own clock says its lease ran out").isFalse();
    keeperB.tick();
    b.sweep(); // a process that gains the lease sweeps as if it had just started
    assertThat(b.runPass()).isZero();

    assertThat(b.executor().submittedIds()).as("handed over again, not claimed again").containsExactly(first.id());
    assertThat(b.job(first.id()).state()).isEqualTo(JobState.SCHEDULED);
    assertThat(b.store().events(first.id())).hasSize(2);
    assertThat(b.waiting().blockedJobId()).isEqualTo(second.id());
    assertThat(a.runPass()).as("the former leader stays idle").isZero();
  }

  private LeaseKeeper keeper(String holder) {
    LeaseKeeper keeper = new LeaseKeeper(new InMemoryLeaderLease(storage, clock), holder, TTL, clock, () -> {});
    opened.add(keeper);
    return keeper;
  }

  private ManualScheduler process(LeaseKeeper keeper, QueueOrder order) {
    ManualScheduler process = ManualScheduler.builder()
        .clock(clock)
        .store(new InMemoryQueueStore(storage))
        .leadership(keeper)
        .order(order)
        .build();
    opened.add(0, process); // closed before the keepers, as BerthServer closes them
    process.idleGpus("node-a", 2);
    return process;
  }

  /** First come, first served, running the pending pause (once) while it ranks. */
  private static QueueOrder pausingOrder(AtomicReference<Runnable> pause) {
    return new QueueOrder() {
      @Override
      public List<Job> order(List<Job> queued) {
        pause.getAndSet(() -> {}).run();
        return new SubmissionOrder().order(queued);
      }

      @Override
      public boolean keepsSubmissionOrder() {
        return true;
      }
    };
  }
}
