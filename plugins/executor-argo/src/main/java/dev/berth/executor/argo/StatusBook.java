package dev.berth.executor.argo;

import dev.berth.api.ExecutionPhase;
import dev.berth.api.ExecutionStatus;
import dev.berth.api.Job;
import dev.berth.plugin.support.StatusNotifier;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What this executor knows of each run's workflow (each attempt of a job is a run of its own, keyed
 * by {@link Job#runId()}), fed by the informers and by direct reads, and
 * what it pushes to the host. It follows only workflows this Berth created for the job: this
 * installation's label, and a submission time the {@link RunLedger} or a caller vouches for, so a
 * workflow of an earlier database with the same job id is never reported.
 *
 * <p>It answers for workflows that are gone: the end Berth saw (kept in the ledger across
 * restarts), else FAILED "workflow deleted by Kubernetes before Berth saw its end". It fails a job
 * that stays pending longer than the {@code pendingTimeoutMinutes} setting, and asks Argo to stop
 * its workflow.
 */
final class StatusBook implements WorkflowWatch.Observer, PodWatch.Observer {

  /** Where a job's log is kept as its run goes on and ends (see {@link JobLogs}). */
  interface LogHooks {
    /** A run is going on; called again on every change and resync. */
    void running(String runId, Instant submittedAt, String workflow);

    /** A run has ended; called again on resyncs. */
    void finished(String runId, Instant submittedAt, GenericKubernetesResource workflow);
  }

  /** Asks Argo to stop a workflow, without waiting. */
  interface Stopper {
    void stopSoon(String workflowName);
  }

  private final Clock clock;
  private final StatusNotifier notifier;
  private final RunLedger ledger;
  private final WorkflowIdentity identity;
  private final Supplier<Duration> pendingTimeout;
  private final LogHooks logs;
  private final Stopper stopper;
  private final Map<String, ExecutionStatus> lastSeen = new ConcurrentHashMap<>();
  private final Map<String, Instant> known = new ConcurrentHashMap<>();
  private final Map<String, Instant> firstPending = new ConcurrentHashMap<>();
  private final Map<String, ExecutionStatus> timedOut = new ConcurrentHashMap<>();
  private volatile Function<String, List<Pod>> cachedPods = runId -> List.of();
  private volatile Function<String, GenericKubernetesResource> cachedWorkflow = name -> null;

  StatusBook(
      Clock clock,
      StatusNotifier notifier,
      RunLedger ledger,
      WorkflowIdentity identity,
      Supplier<Duration> pendingTimeout,
      LogHooks logs,
      Stopper stopper) {
    this.clock = clock;
    this.notifier = notifier;
    this.ledger = ledger;
    this.identity = identity;
    this.pendingTimeout = pendingTimeout;
    this.logs = logs;
    this.stopper = stopper;
  }

  /** Where informer events find the pods of a job and a workflow by name. */
  void readCachesFrom(Function<String, List<Pod>> pods, Function<String, GenericKubernetesResource> workflows) {
    this.cachedPods = pods;
    this.cachedWorkflow = workflows;
  }

  /** Vouches for {@code job}: a workflow stamped with its submission time is its own. */
  void know(Job job) {
    known.put(job.runId(), job.submittedAt().truncatedTo(ChronoUnit.MILLIS));
  }

  /** Records that the workflow of {@code job} exists, so it is never created again. */
  void created(Job job, GenericKubernetesResource workflow) {
    know(job);
    ledger.created(job.runId(), job.submittedAt(), workflow.getMetadata().getName(), workflow.getMetadata().getUid());
  }

  @Override
  public void seen(GenericKubernetesResource workflow, boolean justFinished) {
    Optional<String> runId = WorkflowIdentity.runId(workflow);
    Optional<Instant> submittedAt = WorkflowIdentity.stampedSubmittedAt(workflow);
    if (runId.isEmpty() || submittedAt.isEmpty() || !vouchedFor(runId.get(), submittedAt.get(), workflow)) {
      return;
    }
    ExecutionStatus status = record(runId.get(), submittedAt.get(), workflow, cachedPods.apply(runId.get()));
    notifier.pushChange(status);
    if (Workflows.isFinished(workflow)) {
      logs.finished(runId.get(), submittedAt.get(), workflow);
    } else if (status.phase() == ExecutionPhase.RUNNING) {
      logs.running(runId.get(), submittedAt.get(), workflow.getMetadata().getName());
    }
  }

  @Override
  public void podChanged(String runId) {
    GenericKubernetesResource workflow = cachedWorkflow.apply(identity.runName(runId));
    if (workflow != null) {
      seen(workflow, false);
    }
  }

  @Override
  public void deleted(GenericKubernetesResource workflow, boolean finalStateUnknown) {
    Optional<String> runId = WorkflowIdentity.runId(workflow);
    Optional<Instant> submittedAt = WorkflowIdentity.stampedSubmittedAt(workflow);
    if (runId.isEmpty() || submittedAt.isEmpty() || !vouchedFor(runId.get(), submittedAt.get(), workflow)) {
      return;
    }
    // After a relist (410 Gone) the object is the last one the watch saw, not the one deleted: its
    // phase may be long out of date, so only an end recorded before counts.
    ExecutionStatus last =
        finalStateUnknown ? null : WorkflowStatuses.of(runId.get(), workflow, List.of());
    if (last != null && last.phase().isFinished()) {
      ended(runId.get(), submittedAt.get(), last);
      notifier.forget(WorkflowIdentity.jobIdOf(runId.get()));
      return;
    }
    notifier.pushChange(gone(runId.get(), submittedAt.get(), workflow.getMetadata().getName()));
  }

  /**
   * Reads and remembers the status of {@code workflow}, which belongs to the job {@code runId}
   * submitted at {@code submittedAt}, with its {@code pods}.
   */
  ExecutionStatus record(String runId, Instant submittedAt, GenericKubernetesResource workflow, List<Pod> pods) {
    ExecutionStatus timed = timedOut.get(runId);
    if (timed != null) {
      return timed;
    }
    ExecutionStatus status = WorkflowStatuses.of(runId, workflow, pods);
    if (status.phase() == ExecutionPhase.PENDING) {
      status = checkPending(runId, status, pods);
    } else {
      firstPending.remove(runId);
    }
    if (status.phase().isFinished()) {
      ended(runId, submittedAt, status);
    } else {
      ledger.created(runId, submittedAt, workflow.getMetadata().getName(), workflow.getMetadata().getUid());
      lastSeen.put(runId, status);
    }
    return status;
  }

  /**
   * The status of {@code job} when its workflow is not in the cluster: the end Berth saw; FAILED
   * when a workflow did exist (the ledger says so, or the job had a reference); otherwise nothing,
   * for a job never submitted.
   */
  Optional<ExecutionStatus> whenGone(Job job, String workflowName) {
    ExecutionStatus last = lastSeen.get(job.runId());
    if (last != null && last.phase().isFinished()) {
      return Optional.of(last);
    }
    Optional<RunLedger.Entry> entry = ledger.find(job.runId(), job.submittedAt());
    if (entry.isPresent() || job.executorRef() != null) {
      return Optional.of(gone(job.runId(), job.submittedAt(), workflowName));
    }
    return Optional.empty();
  }

  /** Whether the workflow of {@code job} was created before (it may be gone now). */
  boolean wasCreated(Job job) {
    return ledger.find(job.runId(), job.submittedAt()).isPresent();
  }

  private ExecutionStatus gone(String runId, Instant submittedAt, String workflowName) {
    Optional<RunLedger.Entry> entry = ledger.find(runId, submittedAt);
    if (entry.isPresent() && entry.get().end() != null) {
      lastSeen.put(runId, entry.get().end());
      return entry.get().end();
    }
    ExecutionStatus last = lastSeen.get(runId);
    ExecutionStatus gone =
        WorkflowStatuses.deleted(runId, workflowName, last == null ? null : last.startedAt(), clock.instant());
    ended(runId, submittedAt, gone);
    return gone;
  }

  private void ended(String runId, Instant submittedAt, ExecutionStatus end) {
    lastSeen.put(runId, end);
    firstPending.remove(runId);
    ledger.ended(runId, submittedAt, end);
  }

  /** A pending job fails once it has waited longer than the setting allows, with the reason. */
  private ExecutionStatus checkPending(String runId, ExecutionStatus pending, List<Pod> pods) {
    Instant now = clock.instant();
    Instant since =
        TrainingPods.of(pods).map(TrainingPods.Progress::since).filter(Objects::nonNull)
            .orElseGet(() -> firstPending.computeIfAbsent(runId, id -> now));
    Duration timeout = pendingTimeout.get();
    if (since.plus(timeout).isAfter(now)) {
      return pending;
    }
    ExecutionStatus failed =
        new ExecutionStatus(
            pending.jobId(),
            pending.executorRef(),
            ExecutionPhase.FAILED,
            null,
            "did not start within " + timeout.toMinutes() + " minutes (argo.pendingTimeoutMinutes): "
                + pending.message(),
            null,
            now,
            pending.attempt());
    timedOut.put(runId, failed);
    stopper.stopSoon(pending.executorRef());
    return failed;
  }

  private boolean vouchedFor(String runId, Instant submittedAt, GenericKubernetesResource workflow) {
    if (!identity.ours(workflow)) {
      return false;
    }
    Instant vouched = known.get(runId);
    if (vouched != null) {
      return vouched.equals(submittedAt);
    }
    if (ledger.find(runId, submittedAt).isPresent()) {
      known.put(runId, submittedAt);
      return true;
    }
    return false;
  }
}
