package dev.berth.core.scheduler;

import dev.berth.api.Claim;
import dev.berth.api.ExecutionException;
import dev.berth.api.Job;
import dev.berth.api.JobExecutor;
import dev.berth.api.JobPage;
import dev.berth.api.JobQuery;
import dev.berth.api.JobState;
import dev.berth.api.JobTransition;
import dev.berth.api.NodeVerdict;
import dev.berth.api.QueueOrder;
import dev.berth.api.QueueStore;
import dev.berth.api.ResourceSnapshot;
import dev.berth.api.StoreUnavailableException;
import dev.berth.core.metrics.BerthMetrics;
import dev.berth.api.FairShareSnapshot;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts queued jobs when there is room. One thread makes every decision, so decisions never race
 * inside a process; across processes the store's atomic claim decides. It wakes on submit, on a
 * job's end, on a settings change, on each resource sample, and at the latest every probe interval.
 *
 * <p>A pass: count the SCHEDULED and RUNNING jobs (kept in memory, see {@link ActiveJobs}) against
 * maxRunningJobs; rank a window of queued jobs with the queue order (first come, first served reads
 * only as many as it can start); for each in turn find eligible, unreserved GPUs; claim them all in
 * one store call (QUEUED → SCHEDULED) and hand each to the executor. The first job that does not
 * fit stops the pass, so the order is kept, and its reasons become the queue's "why waiting".
 */
public final class Scheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);
  /** How many queued jobs one pass ranks; a larger queue is worked through window by window. */
  static final int WINDOW = 512;

  private final QueueStore store;
  private final JobExecutor executor;
  private final QueueOrder order;
  /** The queue's ranking when the order scores jobs; null for one that does not. */
  private final StandingRanking ranking;
  private final ResourceMonitor monitor;
  private final PolicyPanel policies;
  private final StateWriter writer;
  private final Clock clock;
  private final BerthMetrics metrics;
  private final Supplier<PassRules> rules;
  private final IntSupplier intervalSeconds;
  private final Leadership leadership;
  private final Semaphore wakeups = new Semaphore(0);
  private final ActiveJobs active;
  private final QueueIndex index;
  private final UsageAccountant usage;
  private final DependencyStates dependencies;
  /**
   * First come, first served reads a window of the queue a pass; once a window held a job that a
   * flow may hold back (a dependency, an array's cap), jobs behind it may start instead, so the pass
   * walks the in-memory index, which jumps over a capped array at once, until none is queued.
   */
  private boolean fifoOverIndex;
  /** Whether the index follows the change feed: an order that scores, or first come first served over it. */
  private volatile boolean indexInUse;
  /** Set when a job ended here: a held job may now wait for something that can never happen. */
  private volatile boolean heldDependenciesToCheck = true;
  private volatile QueuePlan plan = QueuePlan.NONE;
  private final Set<String> cancelledAfterClaim = ConcurrentHashMap.newKeySet();
  private volatile int freeSlots = 1;
  private final ConcurrentLinkedQueue<String> resubmits = new ConcurrentLinkedQueue<>();
  private volatile SchedulerStatus status = SchedulerStatus.IDLE;
  private volatile boolean running;
  private volatile boolean passAgain;
  private Thread thread;
  private boolean inOutage;

  public Scheduler(
      QueueStore store,
      JobExecutor executor,
      QueueOrder order,
      ResourceMonitor monitor,
      PolicyPanel policies,
      StateWriter writer,
      Clock clock,
      BerthMetrics metrics,
      Supplier<PassRules> rules,
      IntSupplier intervalSeconds,
      Leadership leadership,
      Function<Instant, FairShareSnapshot> fairShare) {
    this.store = store;
    this.executor = executor;
    this.order = order;
    this.monitor = monitor;
    this.policies = policies;
    this.writer = writer;
    this.clock = clock;
    this.metrics = metrics;
    this.rules = rules;
    this.intervalSeconds = intervalSeconds;
    this.leadership = leadership;
    Supplier<Duration> interval = () -> Duration.ofSeconds(Math.max(1, intervalSeconds.getAsInt()));
    this.active = new ActiveJobs(store, clock, interval);
    this.index = new QueueIndex(store, clock, interval, () -> interval.get().multipliedBy(12));
    this.ranking = order.scoresJobs() ? new StandingRanking(index, order) : null;
    // Only an order that scores reads usage, so only then is it worth a write every probe interval.
    this.usage = order.scoresJobs() ? new UsageAccountant(store, clock, interval, fairShare) : null;
    this.dependencies = new DependencyStates(store);
    this.indexInUse = order.scoresJobs();
  }

  /**
   * Follows this process's state changes: ends free slots without a reread, and a cancel of a job
   * just claimed is seen without asking the store. Called synchronously by {@link JobChanges}.
   */
  public void onChange(JobChange change) {
    active.onChange(change);
    if (indexInUse) {
      index.onChange(change); // unread, the moves would pile up
    }
    if (usage != null) {
      usage.onChange(change);
    }
    if (change.job().state() == JobState.CANCELLED && change.from() == JobState.SCHEDULED) {
      cancelledAfterClaim.add(change.job().id());
    }
    if (change.job().state().isTerminal()) {
      heldDependenciesToCheck = true;
    }
  }

  public synchronized void start() {
    running = true;
    thread = ResourceMonitor.daemon(this::loop, "berth-scheduler");
    thread.start();
  }

  /** Asks for a pass soon; cheap and safe from any thread. */
  public void wake() {
    if (wakeups.availablePermits() == 0) {
      wakeups.release();
    }
  }

  /**
   * Asks for a SCHEDULED job to be handed to the executor again (it was claimed, but Berth may have
   * died before the executor got it). Submission is idempotent, so a job that did start is adopted,
   * not started twice. Runs on the scheduler thread.
   */
  public void resubmit(String jobId) {
    resubmits.add(jobId);
    wake();
  }

  /** Whether this process schedules now (it holds the lease, or needs none). */
  public boolean leading() {
    return leadership.leading();
  }

  public SchedulerStatus status() {
    return status;
  }

  /**
   * Whether the last pass asked for another at once (it filled a window and more jobs wait, or a
   * claim was lost): what its own thread does on {@link #wake}. A caller that drives passes itself,
   * as the simulator does, runs the next one when this is true.
   */
  public boolean passAgain() {
    return passAgain;
  }

  /** The queue as the last pass planned it: order, reasons and start estimates. */
  public QueuePlan plan() {
    return plan;
  }

  private void loop() {
    Duration backoff = Duration.ofMillis(250);
    while (running) {
      try {
        wakeups.tryAcquire(intervalSeconds.getAsInt(), TimeUnit.SECONDS);
        wakeups.drainPermits();
        if (!running) {
          return;
        }
        runPass();
        if (inOutage) {
          LOG.info("Store reachable again; scheduling resumed");
          inOutage = false;
        }
        backoff = Duration.ofMillis(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (StoreUnavailableException e) {
        if (!inOutage) {
          LOG.error("Store unavailable, scheduling paused until it answers: {}", e.getMessage());
          inOutage = true;
        }
        sleep(backoff);
        backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : backoff.multipliedBy(2);
        wake();
      } catch (RuntimeException e) {
        LOG.error("Scheduling pass failed", e);
        sleep(Duration.ofSeconds(1));
      }
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * One scheduling pass; returns how many jobs it started. Public for tests that drive the
   * scheduler without its thread.
   */
  public synchronized int runPass() {
    passAgain = false;
    if (!leadership.leading()) {
      status = SchedulerStatus.IDLE;
      freeSlots = 0;
      return 0; // another Berth process schedules; its decisions reach us through the store
    }
    long token = leadership.fencingToken();
    cancelledAfterClaim.clear(); // only cancels of jobs claimed in this pass matter below
    processResubmits();
    dependencies.newPass();
    if (heldDependenciesToCheck) {
      heldDependenciesToCheck = false;
      cancelHeldThatCanNeverStart();
    }
    PassRules pass = rules.get();
    int max = pass.maxRunningJobs();
    boolean scoring = order.scoresJobs();
    try {
      active.refresh(token);
      if (scoring) {
        index.refresh(token);
      }
    } catch (RuntimeException e) {
      active.invalidate();
      index.invalidate();
      throw e;
    }
    boolean overIndex;
    Instant now = clock.instant();
    int slots = max - active.size();
    freeSlots = Math.max(0, slots);
    // First come, first served, strict and without limits, needs to see only the jobs it can
    // start and the one after them: the reference design's fast path.
    boolean fast = order.keepsSubmissionOrder() && !pass.easyBackfill() && !pass.limits().any();
    List<QueuePlan.Entry> inOrder = List.of();
    boolean more = false;
    if (scoring) {
      FairShareSnapshot fairShare = usage.refresh(active.jobs(), token, pass.halfLife());
      // The plan's depth, and as many more as one pass could start; a pass that fills a window
      // of slots wakes the next one.
      inOrder = ranking.first(QueuePlan.DEPTH + Math.min(Math.max(0, slots), WINDOW), now, fairShare,
          pass.fairshare());
      more = index.size() > inOrder.size();
    } else {
      if (!fifoOverIndex) {
        JobPage window = store.list(JobQuery.queued(fast ? Math.max(1, Math.min(WINDOW, slots + 1)) : WINDOW));
        fifoOverIndex = order.keepsSubmissionOrder() && FlowGate.anyGated(window.jobs());
        if (fifoOverIndex) {
          index.invalidate(); // it did not follow the feed while unused: read it whole
          indexInUse = true;
        }
        inOrder = entries(order.order(window.jobs()));
        more = window.next() != null;
      }
      if (fifoOverIndex) {
        fast = false;
        refreshIndex(token);
        fifoOverIndex = index.anyGated(); // none left: the next pass reads a window again
        indexInUse = fifoOverIndex;
        inOrder = entries(index.firstInSubmissionOrder(QueuePlan.DEPTH + Math.min(Math.max(0, slots), WINDOW)));
        more = false; // the index is walked to its end or to the first job that cannot start
      }
    }
    ResourceSnapshot snapshot = monitor.latest();
    if (inOrder.isEmpty()) {
      status = SchedulerStatus.IDLE;
      publish(now, List.of(), Map.of(), Map.of(), snapshot, Map.of(), pass, fast, false);
      return 0;
    }
    if (slots <= 0) {
      // Nothing can start: name the job that waits first.
      Job head = inOrder.get(0).job();
      status = blockage(head, slotReason(active.size(), max));
      publish(now, inOrder, Map.of(head.id(), status.blockage().reasons()), Map.of(), snapshot, Map.of(), pass, fast,
          false);
      return 0;
    }
    Map<String, NodeVerdict> verdicts = snapshot == null ? Map.of() : policies.judge(snapshot);
    PassDecisions decisions = new PassDecisions(snapshot, verdicts, active.reservationsForAPass(),
        List.copyOf(active.jobs()), pass, now, slots, new FlowGate(dependencies, active.jobs()));
    overIndex = !scoring && fifoOverIndex;
    if (overIndex) {
      decisions.decide(index.inSubmissionOrder(decisions.gate()::arrayFull));
    } else {
      List<QueuePlan.Entry> window = inOrder;
      decisions.decide(() -> window.stream().map(QueuePlan.Entry::job).iterator());
    }
    decisions.decideOverLimit();
    List<Claim> claims = decisions.claims();
    List<Job> claimed = writer.claimAll(claims, now, token);
    Set<String> started = new HashSet<>();
    for (Job job : claimed) {
      started.add(job.id());
      active.add(job);
      metrics.scheduled(Duration.between(job.submittedAt(), job.scheduledAt()));
    }
    if (scoring || overIndex) {
      claims.forEach(c -> index.remove(c.jobId())); // claimed, or found no longer queued
    }
    freeSlots = Math.max(0, slots - claimed.size());
    status = decisions.blockedJob() != null
        ? new SchedulerStatus(decisions.blockedJob().id(), decisions.blockage(), now)
        : SchedulerStatus.IDLE;
    List<QueuePlan.Entry> waiting = new ArrayList<>(inOrder.size());
    int left = started.size();
    for (QueuePlan.Entry e : inOrder) {
      // The started jobs sit near the front: past the last of them, nothing needs looking up.
      if (left == 0 || !started.contains(e.job().id())) {
        waiting.add(e);
      } else {
        left--;
      }
    }
    Map<String, WaitingReason> setAside = new java.util.LinkedHashMap<>(decisions.overLimit());
    setAside.putAll(decisions.flowWaits());
    for (QueuePlan.Entry e : waiting) {
      // The rest of a capped array, jumped over by the walk: the plan gives them their reason, not an estimate.
      String array = e.job().flow().arrayId();
      if (array != null && !decisions.reasons().containsKey(e.job().id()) && decisions.gate().arrayFull(array)) {
        WaitingReason full = decisions.gate().check(e.job());
        if (full != null) {
          setAside.put(e.job().id(), full);
          decisions.reasons().put(e.job().id(), List.of(full));
        }
      }
    }
    publish(now, waiting, decisions.reasons(), setAside, snapshot, verdicts, pass, fast, decisions.noGpuLeft());
    for (FlowGate.Never never : decisions.neverStart()) {
      cancelNeverStarting(never.job(), never.message());
    }
    for (Job job : claimed) {
      dispatch(job);
    }
    boolean someLost = claimed.size() < claims.size();
    passAgain = someLost && !claimed.isEmpty() || decisions.blockedJob() == null && !claimed.isEmpty() && more;
    if (passAgain) {
      // A lost claim (cancelled meanwhile) left its GPUs unused this pass, or more jobs wait than
      // one window held: go again. When every claim was refused, as a stale fencing token makes
      // them, going again at once would spin; the next sample, submission or end retries.
      wake();
    }
    return claimed.size();
  }

  private static List<QueuePlan.Entry> entries(List<Job> jobs) {
    List<QueuePlan.Entry> out = new ArrayList<>(jobs.size());
    jobs.forEach(j -> out.add(new QueuePlan.Entry(j, null)));
    return out;
  }

  private void publish(Instant now, List<QueuePlan.Entry> waiting, Map<String, List<WaitingReason>> reasons,
      Map<String, WaitingReason> overLimit, ResourceSnapshot snapshot, Map<String, NodeVerdict> verdicts,
      PassRules pass, boolean fast, boolean noGpuLeft) {
    Supplier<List<QueuePlan.Entry>> inOrder;
    if (fast && waiting.size() < QueuePlan.DEPTH) {
      // The fast path read only the head; the plan reads the rest if someone asks for it.
      inOrder = () -> entries(order.order(store.list(JobQuery.queued(QueuePlan.DEPTH)).jobs()));
    } else {
      List<QueuePlan.Entry> copy = List.copyOf(waiting);
      inOrder = () -> copy;
    }
    // A pass that started nothing may not have asked the policies; the plan asks when it is read.
    Supplier<Map<String, NodeVerdict>> judged = snapshot == null ? Map::of
        : !verdicts.isEmpty() ? () -> verdicts : () -> policies.judge(snapshot);
    plan = new QueuePlan(now, inOrder, reasons, overLimit, snapshot, judged, List.copyOf(active.jobs()),
        pass.maxRunningJobs(), pass.easyBackfill(), noGpuLeft);
  }

  /**
   * Whether a new submission might start at once: the last pass left a run slot free. When every
   * slot is taken, a submission need not wake the scheduler; the end of a job will.
   */
  public boolean hasFreeSlot() {
    return freeSlots > 0;
  }

  private static String slotReason(int inUse, int max) {
    return "waiting for a free run slot: " + inUse + " of " + max + " in use (scheduler.maxRunningJobs = " + max + ")";
  }

  private SchedulerStatus blockage(Job job, String reason) {
    return new SchedulerStatus(job.id(), Blockage.of(ReasonCode.SLOT, reason), clock.instant());
  }

  private void dispatch(Job job) {
    try {
      executor.submit(job);
    } catch (ExecutionException e) {
      fail(job, e.getMessage());
      return;
    } catch (RuntimeException e) {
      LOG.error("Executor failed to submit job {}", job.id(), e);
      fail(job, "executor error: " + e.getMessage());
      return;
    }
    // A cancel that landed between the claim and the submit found nothing to stop: stop it now. A
    // later cancel finds the run and stops it itself; one through another Berth process is caught
    // by the reconciler's sweep, which stops runs of ended jobs.
    if (cancelledAfterClaim.remove(job.id())) {
      cancelQuietly(job);
    }
  }

  private void refreshIndex(long token) {
    try {
      index.refresh(token);
    } catch (RuntimeException e) {
      index.invalidate();
      throw e;
    }
  }

  /**
   * Cancels a waiting job whose dependency can never be met. A compare-and-set from the state read,
   * so when two schedulers find it at once, one cancels it and the other's write finds it gone.
   */
  private void cancelNeverStarting(Job job, String message) {
    Optional<Job> cancelled = writer.move(job, JobState.WAITING,
        JobTransition.to(JobState.CANCELLED, clock.instant(), "scheduler", message));
    if (cancelled.isPresent()) {
      LOG.info("Job {} cancelled: {}", job.id(), message);
      index.remove(job.id());
    }
  }

  /** Held jobs are never in a pass's window: their dependencies are checked when a job has ended. */
  private void cancelHeldThatCanNeverStart() {
    String cursor = null;
    do {
      JobPage page = store.list(new JobQuery(Set.of(JobState.HELD), null, 1000, cursor, true));
      for (Job job : page.jobs()) {
        if (dependencies.of(job) instanceof DependencyStates.Never n) {
          cancelNeverStarting(job, n.message());
        }
      }
      cursor = page.next();
    } while (cursor != null);
  }

  private void fail(Job job, String message) {
    writer.move(
        job,
        Set.of(JobState.SCHEDULED),
        JobTransition.to(JobState.FAILED, clock.instant(), "scheduler", "could not start: " + message));
    wake();
  }

  private void cancelQuietly(Job job) {
    try {
      executor.cancel(job);
    } catch (RuntimeException e) {
      LOG.warn("Cancelling job {} failed: {}", job.id(), e.toString());
    }
  }

  private void processResubmits() {
    for (String id; (id = resubmits.poll()) != null; ) {
      store.get(id).filter(j -> j.state() == JobState.SCHEDULED).ifPresent(job -> {
        LOG.info("Handing job {} to the executor again after a restart", job.id());
        dispatch(job);
      });
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    wake();
    if (thread != null) {
      thread.join(5_000);
    }
  }
}
