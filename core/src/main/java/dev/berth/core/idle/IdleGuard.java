package dev.berth.core.idle;

import dev.berth.api.GpuResources;
import dev.berth.api.Job;
import dev.berth.api.JobEvent;
import dev.berth.api.JobExecutor;
import dev.berth.api.JobQuery;
import dev.berth.api.JobState;
import dev.berth.api.JobTransition;
import dev.berth.api.QueueStore;
import dev.berth.api.ResourceSnapshot;
import dev.berth.api.Settings;
import dev.berth.core.auth.AuditLog;
import dev.berth.core.notify.ListenerDelivery;
import dev.berth.core.scheduler.StateWriter;
import dev.berth.core.settings.IdleGuardSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The idle-GPU guard. Fed every probe sample (on the probe thread, after the sample is cached), it
 * attributes each GPU's utilisation to the running job that holds it, keeps a bounded history per
 * job, and acts on a job whose GPUs all stayed under {@code idleGuard.utilizationBelowPercent}: after
 * {@code warnAfterMinutes} the owner is told once (the listeners' {@code idle} event, the audit log
 * and the job's message), and with {@code action: cancel}, after {@code cancelAfterMinutes} the job
 * is cancelled (compare-and-set RUNNING to CANCELLED with the reason, then the executor stops it).
 *
 * <p><b>Two Berth processes.</b> Every process keeps the history of what its own probe saw, but
 * only the one holding the scheduler's leader lease acts, and the warning is recorded in the job's
 * message in the store: a process that takes over, or restarts, reads it and does not tell the
 * owner again. The history and the idle clocks are in memory: after a restart a job's idle time
 * counts again from zero (docs/idle-guard.md).
 */
public final class IdleGuard {
  private static final Logger LOG = LoggerFactory.getLogger(IdleGuard.class);
  /**
   * Jobs whose history is kept, finished ones included, so the job page can still show it. In access
   * order: every sample touches the running jobs, so the ones forgotten first are long finished.
   */
  static final int JOBS_KEPT = 500;

  private final QueueStore store;
  private final JobExecutor executor;
  private final StateWriter writer;
  private final ListenerDelivery delivery;
  private final AuditLog audit;
  private final Supplier<Settings> settings;
  private final Clock clock;
  private final BooleanSupplier leading;
  private final Map<String, Tracked> jobs = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Tracked> eldest) {
      return size() > JOBS_KEPT;
    }
  };

  public IdleGuard(QueueStore store, JobExecutor executor, StateWriter writer, ListenerDelivery delivery,
      AuditLog audit, Supplier<Settings> settings, Clock clock, BooleanSupplier leading) {
    this.store = store;
    this.executor = executor;
    this.writer = writer;
    this.delivery = delivery;
    this.audit = audit;
    this.settings = settings;
    this.clock = clock;
    this.leading = leading;
  }

  /** What the guard knows of one job. */
  private static final class Tracked {
    final UtilizationHistory history = new UtilizationHistory();
    Instant lastSampleAt;
    Instant idleSince;
    boolean warned;
    IdleDecision last;
  }

  /** Attributes one sample to the running jobs and acts on those idle too long. */
  public void onSample(ResourceSnapshot snapshot) {
    if (snapshot == null || snapshot.nodes().isEmpty()) {
      return;
    }
    Settings s = settings.get();
    double threshold = IdleGuardSettings.thresholdPercent(s);
    Instant now = clock.instant();
    List<Job> running = store.list(JobQuery.inStates(Set.of(JobState.RUNNING), 1000)).jobs();
    for (Job job : running) {
      List<GpuResources> gpus = JobGpus.of(job, snapshot);
      if (gpus.isEmpty()) {
        continue;
      }
      IdleDecision decision;
      synchronized (this) {
        Tracked t = jobs.computeIfAbsent(job.id(), id -> new Tracked());
        t.warned |= IdleMessages.warned(job.message());
        boolean idle = gpus.stream().allMatch(g -> g.utilizationPercent() < threshold);
        record(t, gpus, idle, now, snapshot.takenAt() != null ? snapshot.takenAt() : now);
        decision = decide(job, t, s, now);
        t.last = decision;
      }
      act(job, decision, s, now);
    }
  }

  private static void record(Tracked t, List<GpuResources> gpus, boolean idle, Instant now, Instant takenAt) {
    Instant from = t.lastSampleAt == null ? takenAt : t.lastSampleAt;
    double util = gpus.stream().mapToDouble(GpuResources::utilizationPercent).average().orElse(0);
    Long mem = gpus.stream().allMatch(g -> g.memoryUsedMiB() != null)
        ? gpus.stream().mapToLong(GpuResources::memoryUsedMiB).sum() : null;
    long idleSeconds = idle ? Math.max(0, Duration.between(from, takenAt).toSeconds()) : 0;
    t.history.add(new UtilizationPoint(from, takenAt, util, mem, gpus.size(), idleSeconds));
    t.lastSampleAt = takenAt;
    if (!idle) {
      t.idleSince = null;
    } else if (t.idleSince == null) {
      t.idleSince = from.isBefore(takenAt) ? from : now;
    }
  }

  private IdleDecision decide(Job job, Tracked t, Settings s, Instant now) {
    if (t.idleSince == null) {
      return IdleDecision.keep("in use");
    }
    Duration idle = Duration.between(t.idleSince, now);
    IdleGuardSettings.Action action = IdleGuardSettings.action(s);
    if (action == IdleGuardSettings.Action.NONE) {
      return IdleDecision.keep("idle for " + idle.toMinutes() + " min; idleGuard.action is none");
    }
    Duration exemptFor = IdleGuardSettings.interactiveMax(s);
    if (job.interactive() && job.startedAt() != null && Duration.between(job.startedAt(), now).compareTo(exemptFor) < 0) {
      return IdleDecision.keep("interactive: exempt for its first " + exemptFor.toMinutes() + " min of running");
    }
    if (action == IdleGuardSettings.Action.CANCEL && idle.compareTo(IdleGuardSettings.cancelAfter(s)) >= 0) {
      return new IdleDecision(IdleDecision.Kind.CANCEL,
          IdleMessages.cancelled(IdleGuardSettings.thresholdPercent(s), idle));
    }
    if (!t.warned && idle.compareTo(IdleGuardSettings.warnAfter(s)) >= 0) {
      return new IdleDecision(IdleDecision.Kind.WARN, IdleMessages.warning(IdleGuardSettings.thresholdPercent(s), idle));
    }
    return IdleDecision.keep(t.warned ? "idle for " + idle.toMinutes() + " min; the owner was told"
        : "idle for " + idle.toMinutes() + " min, under idleGuard.warnAfterMinutes");
  }

  private void act(Job job, IdleDecision decision, Settings s, Instant now) {
    if (decision.kind() == IdleDecision.Kind.KEEP || !leading.getAsBoolean()) {
      return;
    }
    try {
      if (decision.kind() == IdleDecision.Kind.WARN) {
        warn(job, decision.reason(), now);
      } else {
        cancel(job, decision.reason(), now);
      }
    } catch (RuntimeException e) {
      // The next sample decides again: a store outage delays the warning, never loses it.
      LOG.warn("Idle guard could not act on job {}: {}", job.id(), e.toString());
    }
  }

  private void warn(Job job, String reason, Instant now) {
    Optional<Job> noted = writer.changeMessage(job, reason);
    if (noted.isEmpty()) {
      return; // it ended (or moved) since it was read: nothing to tell
    }
    synchronized (this) {
      Tracked t = jobs.get(job.id());
      if (t != null) {
        t.warned = true;
      }
    }
    audit.record(IdleMessages.ACTOR, "job.idle", job.id(), reason);
    // Not a change of state: the listeners know it as the idle event by its RUNNING to RUNNING.
    delivery.offer(new JobEvent(job.id(), 0, now, JobState.RUNNING, JobState.RUNNING, IdleMessages.ACTOR, reason),
        noted.get());
    LOG.info("Job {} of {} is idle: {}", job.id(), job.user(), reason);
  }

  private void cancel(Job job, String reason, Instant now) {
    Optional<Job> done = writer.move(job, Set.of(JobState.RUNNING),
        JobTransition.to(JobState.CANCELLED, now, IdleMessages.ACTOR, reason));
    if (done.isEmpty()) {
      return;
    }
    audit.record(IdleMessages.ACTOR, "job.cancel", job.id(), reason);
    try {
      executor.cancel(done.get());
    } catch (RuntimeException e) {
      // The reconciler stops a run whose job is CANCELLED on its next pass.
      LOG.warn("Executor could not cancel idle job {}: {}", job.id(), e.toString());
    }
    LOG.info("Job {} of {} cancelled: {}", job.id(), job.user(), reason);
  }

  /** The job's history and the guard's last word on it; empty when no sample ever covered it. */
  public synchronized Optional<JobUtilization> utilization(String jobId) {
    Tracked t = jobs.get(jobId);
    if (t == null) {
      return Optional.empty();
    }
    return Optional.of(new JobUtilization(jobId, IdleGuardSettings.thresholdPercent(settings.get()), t.idleSince,
        t.warned, t.last == null ? null : t.last.reason(), t.history.idleGpuHours(), t.history.points()));
  }

  /** What is known of a job no sample covered: no points, no decision. */
  public JobUtilization empty(String jobId) {
    return new JobUtilization(jobId, IdleGuardSettings.thresholdPercent(settings.get()), null, false, null, 0, List.of());
  }

  /** The job's utilisation history; empty when no sample covered it (or it was forgotten). */
  public synchronized List<UtilizationPoint> points(String jobId) {
    Tracked t = jobs.get(jobId);
    return t == null ? List.of() : t.history.points();
  }
}
