package dev.berth.core.scheduler;

import dev.berth.api.ExecutionListener;
import dev.berth.api.ExecutionPhase;
import dev.berth.api.ExecutionStatus;
import dev.berth.api.Job;
import dev.berth.api.JobExecutor;
import dev.berth.api.JobState;
import dev.berth.api.JobTransition;
import dev.berth.api.QueueStore;
import dev.berth.api.StoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the store in line with what the executor reports. Pushed statuses are applied as they
 * arrive; every interval (and once at start) it also asks the executor about every SCHEDULED and
 * RUNNING job, so a lost push, a crash of Berth, or a run that vanished never leaves a job
 * RUNNING forever.
 */
public final class Reconciler implements ExecutionListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
  /** A SCHEDULED job the executor has never heard of for this long was lost between claim and submit. */
  static final Duration SUBMIT_GRACE = Duration.ofSeconds(10);

  private final QueueStore store;
  private final JobExecutor executor;
  private final StateWriter writer;
  private final Scheduler scheduler;
  private final Clock clock;
  private final Duration interval;
  private final Duration timeLimitSlack;
  /** How many pushed reports one round takes. */
  private static final int MAX_BATCH = 512;

  private final BlockingQueue<ExecutionStatus> pushed = new LinkedBlockingQueue<>();
  private volatile boolean running;
  private Thread thread;
  /**
   * When the last full pass ran and whether the next one must treat every job as inherited. One
   * immutable value, so the loop, the lease keeper and a sweep always read a consistent pair.
   */
  private record Sweeps(Instant lastFullPass, boolean firstPass, long requests) {}

  private final AtomicReference<Sweeps> sweeps = new AtomicReference<>(new Sweeps(Instant.MIN, true, 0));

  public Reconciler(
      QueueStore store, JobExecutor executor, StateWriter writer, Scheduler scheduler, Clock clock, Duration interval) {
    this(store, executor, writer, scheduler, clock, interval, Duration.ofSeconds(60));
  }

  /**
   * @param timeLimitSlack how long past its deadline a RUNNING job may be before the sweep stops it
   *     itself (the executor's own enforcement has that long to act)
   */
  public Reconciler(QueueStore store, JobExecutor executor, StateWriter writer, Scheduler scheduler, Clock clock,
      Duration interval, Duration timeLimitSlack) {
    this.store = store;
    this.executor = executor;
    this.writer = writer;
    this.scheduler = scheduler;
    this.clock = clock;
    this.interval = interval;
    this.timeLimitSlack = timeLimitSlack;
  }

  @Override
  public void onStatus(ExecutionStatus status) {
    pushed.add(status);
  }

  public synchronized void start() {
    running = true;
    thread = ResourceMonitor.daemon(this::loop, "berth-reconciler");
    thread.start();
  }

  private void loop() {
    while (running) {
      try {
        ExecutionStatus next = pushed.poll(250, TimeUnit.MILLISECONDS);
        if (next != null) {
          applyPushed(next);
        }
        Sweeps last = sweeps.get();
        boolean due = last.firstPass() || Duration.between(last.lastFullPass(), clock.instant()).compareTo(interval) >= 0;
        // Only the leader sweeps: another process's executor may not know the jobs ours runs.
        if (due && scheduler.leading()) {
          reconcileAll();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (StoreUnavailableException e) {
        LOG.debug("Store unavailable while reconciling: {}", e.getMessage());
      } catch (RuntimeException e) {
        LOG.error("Reconciling failed", e);
      }
    }
  }

  /**
   * Asks for a full pass soon, treated like the first one after a start: for a process that has
   * just become the leader and inherits the previous leader's jobs.
   */
  public void requestFullPass() {
    // Never waits for a sweep in progress: the lease keeper calls this on its own schedule.
    sweeps.updateAndGet(s -> new Sweeps(Instant.MIN, true, s.requests() + 1));
  }

  /** Applies {@code first} and whatever else has been pushed meanwhile, as one round. */
  private void applyPushed(ExecutionStatus first) {
    List<ExecutionStatus> batch = new ArrayList<>();
    batch.add(first);
    pushed.drainTo(batch, MAX_BATCH - 1);
    applyRound(batch);
  }

  /**
   * Applies a round of reports with one store write for every change of state they call for ({@link
   * StateWriter#moveAll}: one transaction or one round trip), so that a store pays one commit per
   * round, not one per report. Each job is read once, and its reports are planned in order on that
   * state: a RUNNING and an end make two moves, the second expecting RUNNING. What cannot be planned
   * so is applied after the round, report by report on the job read again, exactly as a lone report
   * is: a move that found its job moved by someone else, and every report of a job after one that
   * writes something other than a move (a stop, a waiting reason) behind a planned move. Reports of
   * one job keep their order; the feed announces each move that applied, in the store's order.
   */
  void applyRound(List<ExecutionStatus> reports) {
    Map<String, List<ExecutionStatus>> byJob = new LinkedHashMap<>();
    for (ExecutionStatus s : reports) {
      byJob.computeIfAbsent(s.jobId(), id -> new ArrayList<>()).add(s);
    }
    Instant now = clock.instant();
    List<StateWriter.Move> moves = new ArrayList<>();
    List<ExecutionStatus> reportOfMove = new ArrayList<>();
    List<ExecutionStatus> afterTheRound = new ArrayList<>();
    // The round's jobs in one read (one query or round trip), not one per job.
    List<Optional<Job>> reads = store.getAll(List.copyOf(byJob.keySet()));
    int at = 0;
    for (List<ExecutionStatus> ofJob : byJob.values()) {
      Optional<Job> read = reads.get(at++);
      if (read.isEmpty()) {
        continue;
      }
      Job planned = read.get();
      boolean movePlanned = false;
      for (int i = 0; i < ofJob.size(); i++) {
        ExecutionStatus s = ofJob.get(i);
        JobTransition move = moveFor(planned, s, now);
        if (move != null) {
          moves.add(new StateWriter.Move(planned, move));
          reportOfMove.add(s);
          planned = move.applyTo(planned);
          movePlanned = true;
        } else if (movePlanned) {
          afterTheRound.addAll(ofJob.subList(i, ofJob.size()));
          break;
        } else {
          applyTo(planned, s);
        }
      }
    }
    List<Optional<Job>> moved = moves.isEmpty() ? List.of() : writer.moveAll(moves);
    boolean ended = false;
    List<ExecutionStatus> again = new ArrayList<>();
    for (int i = 0; i < moved.size(); i++) {
      if (moved.get(i).isPresent()) {
        ended |= freedItsGpus(moved.get(i).get());
      } else {
        again.add(reportOfMove.get(i));
      }
    }
    again.addAll(afterTheRound);
    if (ended) {
      scheduler.wake();
    }
    again.forEach(this::apply);
  }

  /**
   * Writes one executor report to the store, if it changes anything. Safe from several threads:
   * every write is a compare-and-set.
   */
  public void apply(ExecutionStatus s) {
    store.get(s.jobId()).ifPresent(job -> applyTo(job, s));
  }

  /** {@link #apply} for a job just read: the sweep has it from its listing, so no second read. */
  private void applyTo(Job job, ExecutionStatus s) {
    if (s.attempt() < job.attempt()) {
      // A report on a run the job has left behind (it failed and was queued again): its end is
      // already written, and it says nothing of the attempt now waiting or running.
      return;
    }
    if (job.state().isTerminal()) {
      // A run the reconciler timed out itself may outlive the state change: stop it again.
      if ((job.state() == JobState.CANCELLED || job.state() == JobState.TIMED_OUT) && !s.phase().isFinished()) {
        stopOrphan(job);
      }
      return;
    }
    if (s.phase() == ExecutionPhase.PENDING) {
      showWhyItWaits(job, s);
      return;
    }
    JobTransition move = moveFor(job, s, clock.instant());
    if (move == null) {
      return;
    }
    Set<JobState> from = move.to() == JobState.RUNNING ? Set.of(JobState.SCHEDULED) : JobState.ACTIVE;
    writer.move(job, from, move).ifPresent(done -> {
      if (freedItsGpus(done)) {
        scheduler.wake();
      }
    });
  }

  /** Whether a job just moved left its GPUs: it ended, or it failed and was queued again. */
  private static boolean freedItsGpus(Job moved) {
    if (moved.state() == JobState.QUEUED) {
      LOG.info("Job {}: {}", moved.id(), moved.message());
      return true;
    }
    return moved.state().isTerminal();
  }

  /**
   * The change of state a report calls for on the job as known, or null when it calls for none: a
   * SCHEDULED job's run started, or an active job's run ended (how is the report's to say, except
   * that a failure at the time limit is a time-out, and a failure with retries left queues the job
   * again as its next attempt). A report on an attempt the job has left behind calls for nothing.
   */
  private static JobTransition moveFor(Job job, ExecutionStatus s, Instant now) {
    if (s.attempt() < job.attempt()) {
      return null;
    }
    if (s.phase() == ExecutionPhase.RUNNING) {
      return job.state() != JobState.SCHEDULED ? null : new JobTransition(JobState.RUNNING,
          orNow(s.startedAt(), now), "executor", replacingWaitingReason(job), null, null, s.executorRef());
    }
    if (!job.state().isActive()) {
      return null;
    }
    return switch (s.phase()) {
      case PENDING, RUNNING -> null;
      case SUCCEEDED -> end(s, JobState.COMPLETED, null, now);
      // An executor that enforces limits through its cluster (Argo's activeDeadlineSeconds) reports
      // such an end as a failure; a run that lasted its whole limit was stopped by it.
      case FAILED -> ranToItsLimit(job, s, now) ? end(s, JobState.TIMED_OUT, TimeLimitMessages.stopped(job), now)
          : failed(job, s, s.message() != null ? s.message() : s.exitCode() != null ? "exit code " + s.exitCode()
              : "failed", now);
      case CANCELLED -> end(s, JobState.CANCELLED, s.message() != null ? s.message() : "cancelled", now);
      case TIMED_OUT -> end(s, JobState.TIMED_OUT, TimeLimitMessages.stopped(job), now);
    };
  }

  /** A failed run: the job is queued again as its next attempt when it has retries left, and fails otherwise. */
  private static JobTransition failed(Job job, ExecutionStatus s, String why, Instant now) {
    JobTransition again = queuedAgain(job, why, orNow(s.finishedAt(), now));
    return again != null ? again : end(s, JobState.FAILED, why, now);
  }

  /**
   * The move that queues a failed run's job again as its next attempt, or null when it has no
   * retries left. One compare-and-set from the state read, so two reconcilers (or a late second
   * report) retry it once. The failed attempt's log stays with its run ({@link Job#runId()}).
   */
  private static JobTransition queuedAgain(Job job, String why, Instant at) {
    if (!job.flow().retriesLeft()) {
      return null;
    }
    String message = "attempt " + job.attempt() + " failed (" + why + "); queued again as attempt "
        + (job.attempt() + 1) + " of " + (job.flow().maxRetries() + 1);
    return JobTransition.to(JobState.QUEUED, at, "reconciler", message);
  }

  /** Queues a job whose run was lost again, when it has retries left; whether it did. */
  private boolean retry(Job job, String why, Instant at) {
    JobTransition again = queuedAgain(job, why, at);
    if (again == null) {
      return false;
    }
    Optional<Job> queued = writer.move(job, JobState.ACTIVE, again);
    queued.ifPresent(j -> {
      LOG.info("Job {}: {}", j.id(), j.message());
      scheduler.wake();
    });
    return queued.isPresent();
  }

  private static JobTransition end(ExecutionStatus s, JobState to, String message, Instant now) {
    return new JobTransition(to, orNow(s.finishedAt(), now), "executor", message, null, s.exitCode(),
        s.executorRef());
  }

  /**
   * Shows on a SCHEDULED job why its run has not started (an Argo pod left Pending because no GPU
   * is free), written only when the reason changed, so a steady wait costs no write per poll.
   */
  private void showWhyItWaits(Job job, ExecutionStatus s) {
    if (job.state() != JobState.SCHEDULED || s.message() == null || s.message().isBlank()
        || s.message().equals(job.message())) {
      return;
    }
    try {
      writer.changeMessage(job, s.message());
    } catch (UnsupportedOperationException e) {
      LOG.debug("The store cannot show why job {} waits: {}", job.id(), e.getMessage());
    }
  }

  /**
   * The message of a SCHEDULED job's move to RUNNING. A transition's null message keeps the stored
   * one, which for a SCHEDULED job can only be the reason it waited: that reason is replaced, not
   * left behind on a job that now runs. A job that never waited keeps no message, as before.
   */
  static String replacingWaitingReason(Job job) {
    if (job.message() == null) {
      return null;
    }
    return job.placement() == null ? "running" : "running on " + job.placement().node();
  }

  private static boolean ranToItsLimit(Job job, ExecutionStatus s, Instant now) {
    Instant started = s.startedAt() != null ? s.startedAt() : job.startedAt();
    if (started == null || job.timeLimitSeconds() == null) {
      return false;
    }
    Instant ended = orNow(s.finishedAt(), now);
    return !ended.isBefore(started.plusSeconds(job.timeLimitSeconds()));
  }

  /**
   * The backstop of time limits: a run still going {@code timeLimitSlack} past its deadline, which
   * its executor did not stop, is asked to stop and the job ends TIMED_OUT. Should the run outlive
   * that, every later sweep asks again (see {@link #applyTo}).
   */
  private void enforceDeadline(Job job, Instant now) {
    Instant deadline = job.deadline();
    if (job.state() != JobState.RUNNING || deadline == null || now.isBefore(deadline.plus(timeLimitSlack))) {
      return;
    }
    LOG.warn("Job {} runs {} past its time limit; stopping it", job.id(), Duration.between(deadline, now));
    stopOrphan(job);
    Optional<Job> done = writer.move(job, Set.of(JobState.RUNNING), JobTransition.to(JobState.TIMED_OUT, now,
        "reconciler", TimeLimitMessages.stopped(job) + " (stopped by the reconciler, the executor had not)"));
    if (done.isPresent()) {
      scheduler.wake();
    }
  }

  private static Instant orNow(Instant at, Instant now) {
    return at != null ? at : now;
  }

  /** Asks the executor about every active job and about every run it knows. */
  public synchronized void reconcileAll() {
    Instant now = clock.instant();
    Sweeps started = sweeps.get();
    ActiveJobPages.forEach(store, job -> reconcile(job, now, started.firstPass()));
    try {
      for (ExecutionStatus run : executor.active()) {
        // A run of an attempt the job has left behind is an orphan too.
        store.get(run.jobId()).filter(j -> j.state().isTerminal() || run.attempt() < j.attempt())
            .ifPresent(j -> stopOrphan(j, run));
      }
    } catch (RuntimeException e) {
      LOG.warn("Executor could not list its runs: {}", e.toString());
    }
    // A full pass asked for while this one ran is still owed: keep the request.
    sweeps.compareAndSet(started, new Sweeps(now, false, started.requests()));
  }

  private void reconcile(Job job, Instant now, boolean firstPass) {
    Optional<ExecutionStatus> status;
    try {
      status = executor.status(job);
    } catch (RuntimeException e) {
      LOG.warn("Executor could not report on job {}: {}", job.id(), e.toString());
      return;
    }
    if (status.isPresent()) {
      applyTo(job, status.get());
      if (!status.get().phase().isFinished()) {
        enforceDeadline(job, now);
      }
    } else if (job.state() == JobState.RUNNING) {
      String lost = "lost: the executor has no record of this job (was its machine or Berth restarted?)";
      if (!retry(job, lost, now)) {
        writer.move(job, Set.of(JobState.RUNNING), JobTransition.to(JobState.FAILED, now, "reconciler", lost));
        scheduler.wake();
      }
    } else if (firstPass || job.scheduledAt() == null || job.scheduledAt().plus(SUBMIT_GRACE).isBefore(now)) {
      scheduler.resubmit(job.id());
    }
  }

  private void stopOrphan(Job job, ExecutionStatus run) {
    if (run.attempt() == job.attempt()) {
      stopOrphan(job);
      return;
    }
    // The executor finds a run by the job's attempt: ask it about the one that still runs.
    stopOrphan(job.withFlow(job.flow().withAttempt(run.attempt())));
  }

  private void stopOrphan(Job job) {
    LOG.warn("Job {} is {} and its run is still alive: stopping it", job.id(), job.state());
    try {
      executor.cancel(job);
    } catch (RuntimeException e) {
      LOG.warn("Stopping orphan run of job {} failed: {}", job.id(), e.toString());
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    if (thread != null) {
      thread.join(5_000);
    }
  }
}
