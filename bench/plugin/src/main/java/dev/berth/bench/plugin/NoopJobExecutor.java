package dev.berth.bench.plugin;

import dev.berth.api.ExecutionException;
import dev.berth.api.ExecutionListener;
import dev.berth.api.ExecutionPhase;
import dev.berth.api.ExecutionStatus;
import dev.berth.api.Job;
import dev.berth.api.JobExecutor;
import dev.berth.api.JobTemplate;
import dev.berth.api.LogChunk;
import dev.berth.api.PluginContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.pf4j.Extension;
import org.slf4j.Logger;

/**
 * A benchmark executor (plugin {@code bench}, section {@code executor.bench}, no keys) whose runs are
 * virtual: no process, no pod. A {@code noop} job ends as soon as it is submitted, a {@code sleep}
 * job after its {@code millis}, a {@code hold} job when cancelled (see {@link RunTemplates}). It
 * pushes RUNNING and then the end, as a real executor does, so Berth's whole path (claim, submit,
 * reconcile, next claim) runs at full speed with nothing else in the way.
 *
 * <p>Every submit and every end is appended to {@code <dataDir>/runs.journal} (see {@link
 * RunJournal}): a restarted executor replays it, and benchmarks read from it when each job was
 * handed over and when it ended, by the plugin's clock.
 */
@Extension
public final class NoopJobExecutor implements JobExecutor, AutoCloseable {
  /** The journal's file name inside the plugin's data directory. */
  public static final String JOURNAL_FILE = "runs.journal";

  private final Clock clock;
  private final Logger log;
  private final RunJournal journal;
  private final Map<String, VirtualRun> runs = new ConcurrentHashMap<>();
  private final ScheduledThreadPoolExecutor timer;
  private final Object submitLock = new Object();
  private volatile ExecutionListener listener;

  public NoopJobExecutor(PluginContext context) {
    this.clock = context.clock();
    this.log = context.logger();
    this.journal = RunJournal.open(context.dataDir().resolve(JOURNAL_FILE), log);
    this.timer = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "berth-bench-timer");
      t.setDaemon(true);
      return t;
    });
    timer.setRemoveOnCancelPolicy(true);
    runs.putAll(journal.replay());
    for (VirtualRun run : runs.values()) {
      if (!run.isFinished()) {
        scheduleEnd(run);
      }
    }
  }

  @Override
  public void start(ExecutionListener statusListener) {
    this.listener = statusListener;
  }

  @Override
  public List<JobTemplate> templates() {
    return RunTemplates.DESCRIPTORS;
  }

  @Override
  public String submit(Job job) {
    VirtualRun run;
    synchronized (submitLock) {
      VirtualRun existing = runs.get(job.runId());
      if (existing != null) {
        return existing.ref();
      }
      RunPlan plan = RunTemplates.plan(job);
      // One run per attempt, as the executor contract asks.
      run = new VirtualRun(job.id(), "bench-" + job.runId(), job.template(), job.parameters(), plan, clock.instant(),
          job.attempt());
      try {
        journal.started(run);
      } catch (RuntimeException e) {
        throw new ExecutionException("cannot record the run of job " + job.id() + ": " + e.getMessage(), e);
      }
      runs.put(job.runId(), run);
    }
    push(run.status());
    scheduleEnd(run);
    return run.ref();
  }

  private void scheduleEnd(VirtualRun run) {
    RunPlan plan = run.plan();
    switch (plan.lasting()) {
      case INSTANT -> endByItself(run);
      case TIMED -> endWhenDue(run);
      case UNTIL_CANCELLED -> {
        // Ends only through cancel.
      }
    }
  }

  /**
   * Ends a timed run once the plugin's clock has reached its end; the timer's own clock may run a
   * hair ahead of it, so an early wake-up sleeps again for the rest.
   */
  private void endWhenDue(VirtualRun run) {
    long left = Duration.between(clock.instant(), run.startedAt().plusMillis(run.plan().millis())).toNanos();
    if (left <= 0) {
      endByItself(run);
    } else {
      timer.schedule(() -> endWhenDue(run), left, TimeUnit.NANOSECONDS);
    }
  }

  private void endByItself(VirtualRun run) {
    RunPlan plan = run.plan();
    end(run, plan.endPhase(), plan.exitCode(), plan.endMessage());
  }

  private void end(VirtualRun run, ExecutionPhase phase, Integer exitCode, String message) {
    Instant at = clock.instant();
    if (!run.end(phase, exitCode, message, at)) {
      return;
    }
    ExecutionStatus status = run.status();
    try {
      journal.ended(status);
    } catch (RuntimeException e) {
      log.warn("job {}: could not record its end: {}", run.jobId(), e.toString());
    }
    push(status);
  }

  private void push(ExecutionStatus status) {
    ExecutionListener target = listener;
    if (target == null) {
      return;
    }
    try {
      target.onStatus(status);
    } catch (RuntimeException e) {
      log.warn("job {}: could not push its status: {}", status.jobId(), e.toString());
    }
  }

  @Override
  public Optional<ExecutionStatus> status(Job job) {
    return Optional.ofNullable(runs.get(job.runId())).map(VirtualRun::status);
  }

  @Override
  public void cancel(Job job) {
    VirtualRun run = runs.get(job.runId());
    if (run != null) {
      end(run, ExecutionPhase.CANCELLED, null, "cancelled");
    }
  }

  @Override
  public LogChunk readLog(Job job, long offset, int maxBytes) {
    VirtualRun run = runs.get(job.runId());
    if (run == null) {
      return new LogChunk("", offset, true);
    }
    return SyntheticLog.read(run.plan().log(), offset, maxBytes, run.isFinished());
  }

  @Override
  public String tailLog(Job job, int lines) {
    VirtualRun run = runs.get(job.runId());
    return run == null ? "" : SyntheticLog.tail(run.plan().log(), lines);
  }

  @Override
  public List<ExecutionStatus> active() {
    List<ExecutionStatus> active = new ArrayList<>();
    for (VirtualRun run : runs.values()) {
      ExecutionStatus status = run.status();
      if (!status.phase().isFinished()) {
        active.add(status);
      }
    }
    return active;
  }

  /** Stops the timer and closes the journal; unfinished runs resume in the next instance. */
  @Override
  public void close() {
    timer.shutdownNow();
    journal.close();
  }
}
