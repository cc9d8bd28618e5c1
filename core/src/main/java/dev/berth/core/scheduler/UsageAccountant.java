package dev.berth.core.scheduler;

import dev.berth.api.FairShareSnapshot;
import dev.berth.api.Job;
import dev.berth.api.JobQuery;
import dev.berth.api.JobState;
import dev.berth.api.QueueStore;
import dev.berth.api.UsageAccrual;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the store's usage ledger from the leader, while an order that scores is active (only it
 * reads usage, so the default first-come-first-served pays nothing): the GPU time of running jobs every probe
 * interval, and of ended jobs soon after they end. The ledger counts each job's time once however
 * often it is told ({@link QueueStore#accrueUsage}), so a restart, a new leader or a second
 * process can only repeat, never double, what was counted. On taking the lead it also counts the
 * most recently ended jobs, which a leader that died may not have.
 *
 * <p>It also keeps the fair-share snapshot an order that scores ranks by, read again after each
 * accrual. Scheduler thread only, except {@link #onChange}.
 */
final class UsageAccountant {
  private static final Logger LOG = LoggerFactory.getLogger(UsageAccountant.class);
  /** Ends are counted at most this often, so a stream of short jobs costs one write a second. */
  private static final Duration ENDS_AT_MOST_EVERY = Duration.ofSeconds(1);

  private final QueueStore store;
  private final Clock clock;
  private final Supplier<Duration> every;
  private final Function<Instant, FairShareSnapshot> reader;
  private final Queue<Job> ended = new ConcurrentLinkedQueue<>();
  private Instant accruedAt;
  private long accruedWithToken = Long.MIN_VALUE;
  private boolean unsupported;
  private FairShareSnapshot snapshot;

  /** @param reader reads the ledger and the shares back after an accrual: the fair-share service */
  UsageAccountant(QueueStore store, Clock clock, Supplier<Duration> every, Function<Instant, FairShareSnapshot> reader) {
    this.store = store;
    this.clock = clock;
    this.every = every;
    this.reader = reader;
  }

  /** From the change feed: a job that held GPUs has ended. Any thread. */
  void onChange(JobChange change) {
    Job job = change.job();
    if (job.state().isTerminal() && change.from() == JobState.RUNNING && job.startedAt() != null && job.gpus() > 0) {
      ended.add(job);
    }
  }

  /**
   * Accrues what is due and answers the snapshot to rank by. Ends are counted within a second, so
   * that a user who just used GPUs does not also win the next start.
   *
   * @param active the jobs holding GPUs now
   */
  FairShareSnapshot refresh(Iterable<Job> active, long fencingToken, Duration halfLife) {
    Instant now = clock.instant();
    boolean newLeader = fencingToken != accruedWithToken;
    boolean due = accruedAt == null || newLeader || !now.isBefore(accruedAt.plus(every.get()))
        || !ended.isEmpty() && !now.isBefore(accruedAt.plus(ENDS_AT_MOST_EVERY));
    if (due && !unsupported) {
      List<UsageAccrual> accruals = new ArrayList<>();
      if (newLeader) {
        recentlyEnded(accruals);
      }
      for (Job job; (job = ended.poll()) != null; ) {
        accruals.add(new UsageAccrual(job.id(), user(job), job.gpus(), job.startedAt(), job.finishedAt() != null ? job.finishedAt() : now));
      }
      for (Job job : active) {
        if (job.state() == JobState.RUNNING && job.startedAt() != null && job.gpus() > 0) {
          accruals.add(new UsageAccrual(job.id(), user(job), job.gpus(), job.startedAt(), now));
        }
      }
      try {
        if (!accruals.isEmpty()) {
          store.accrueUsage(accruals, halfLife);
        }
        snapshot = reader.apply(now);
      } catch (UnsupportedOperationException e) {
        unsupported = true;
        LOG.warn("The queue store keeps no usage ledger; fair share sees no usage: {}", e.getMessage());
      }
      accruedAt = now;
      accruedWithToken = fencingToken;
    }
    if (snapshot == null || unsupported && due) {
      snapshot = reader.apply(now); // no usage without a ledger, but the shares still count
    }
    return snapshot;
  }

  private void recentlyEnded(List<UsageAccrual> accruals) {
    EnumSet<JobState> ends = EnumSet.of(JobState.COMPLETED, JobState.FAILED, JobState.CANCELLED, JobState.TIMED_OUT);
    for (Job job : store.list(new JobQuery(ends, null, 1000, null, false)).jobs()) {
      if (job.startedAt() != null && job.finishedAt() != null && job.gpus() > 0) {
        accruals.add(new UsageAccrual(job.id(), user(job), job.gpus(), job.startedAt(), job.finishedAt()));
      }
    }
  }

  private static String user(Job job) {
    return job.user() == null ? "" : job.user();
  }
}
