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
 * What this executor knows of each job's workflow, fed by the informers and by direct reads, and
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
    void running(String jobId, Instant submittedAt, String workflow);

    /** A run has ended; called again on resyncs. */
    void finished(String jobId, Instant submittedAt, GenericKubernetesResource workflow);
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
  private volatile Function<String, List<Pod>> cachedPods = jobId -> List.of();
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
    known.put(job.id(), job.submittedAt().truncatedTo(ChronoUnit.MILLIS));
  }

  /** Records that the workflow of {@code job} exists, so it is never created again. */
  void created(Job job, GenericKubernetesResource workflow) {
    know(job);
    ledger.created(job.id(), job.submittedAt(), workflow.getMetadata().getName(), workflow.getMetadata().getUid());
  }

  @Override
  public void seen(GenericKubernetesResource workflow, boolean justFinished) {
    Optional<String> jobId = WorkflowIdentity.jobId(workflow);
    Optional<Instant> submittedAt = WorkflowIdentity.stampedSubmittedAt(workflow);
    if (jobId.isEmpty() || submittedAt.isEmpty() || !vouchedFor(jobId.get(), submittedAt.get(), workflow)) {
      return;
    }
    ExecutionStatus status = record(jobId.get(), submittedAt.get(), workflow, cachedPods.apply(jobId.get()));
    notifier.pushChange(status);
    if (Workflows.isFinished(workflow)) {
      logs.finished(jobId.get(), submittedAt.get(), workflow);
    } else if (status.phase() == ExecutionPhase.RUNNING) {
      logs.running(jobId.get(), submittedAt.get(), workflow.getMetadata().getName());
    }
  }

  @Override
  public void podChanged(String jobId) {
    GenericKubernetesResource workflow = cachedWorkflow.apply(identity.workflowName(jobId));
    if (workflow != null) {
      seen(workflow, false);
    }
  }

  @Override
  public void deleted(GenericKubernetesResource workflow, boolean finalStateUnknown) {
    Optional<String> jobId = WorkflowIdentity.jobId(workflow);
    Optional<Instant> submittedAt = WorkflowIdentity.stampedSubmittedAt(workflow);
    if (jobId.isEmpty() || submittedAt.isEmpty() || !vouchedFor(jobId.get(), submittedAt.get(), workflow)) {
      return;
    }
    // After a relist (410 Gone) the object is the last one the watch saw, not the one deleted: its
    // phase may be long out of date, so only an end recorded before counts.
    ExecutionStatus last =
        finalStateUnknown ? null : WorkflowStatuses.of(jobId.get(), workflow, List.of());
    if (last != null && last.phase().isFinished()) {
      ended(jobId.get(), submittedAt.get(), last);
      notifier.forget(jobId.get());
      return;
    }
    notifier.pushChange(gone(jobId.get(), submittedAt.get(), workflow.getMetadata().getName()));
  }

  /**
   * Reads and remembers the status of {@code workflow}, which belongs to the job {@code jobId}
   * submitted at {@code submittedAt}, with its {@code pods}.
   */
  ExecutionStatus record(String jobId, Instant submittedAt, GenericKubernetesResource workflow, List<Pod> pods) {
    ExecutionStatus timed = timedOut.get(jobId);
    if (timed != null) {
      return timed;
    }
    ExecutionStatus status = WorkflowStatuses.of(jobId, workflow, pods);
    if (status.phase() == ExecutionPhase.PENDING) {
      status = checkPending(status, pods);
    } else {
      firstPending.remove(jobId);
    }
    if (status.phase().isFinished()) {
      ended(jobId, submittedAt, status);
    } else {
      ledger.created(jobId, submittedAt, workflow.getMetadata().getName(), workflow.getMetadata().getUid());
      lastSeen.put(jobId, status);
    }
    return status;
  }

  /**
   * The status of {@code job} when its workflow is not in the cluster: the end Berth saw; FAILED
   * when a workflow did exist (the ledger says so, or the job had a reference); otherwise nothing,
   * for a job never submitted.
   */
  Optional<ExecutionStatus> whenGone(Job job, String workflowName) {
    ExecutionStatus last = lastSeen.get(job.id());
    if (last != null && last.phase().isFinished()) {
      return Optional.of(last);
    }
    Optional<RunLedger.Entry> entry = ledger.find(job.id(), job.submittedAt());
    if (entry.isPresent() || job.executorRef() != null) {
      return Optional.of(gone(job.id(), job.submittedAt(), workflowName));
    }
    return Optional.empty();
  }

  /** Whether the workflow of {@code job} was created before (it may be gone now). */
  boolean wasCreated(Job job) {
    return ledger.find(job.id(), job.submittedAt()).isPresent();
  }

  private ExecutionStatus gone(String jobId, Instant submittedAt, String workflowName) {
    Optional<RunLedger.Entry> entry = ledger.find(jobId, submittedAt);
    if (entry.isPresent() && entry.get().end() != null) {
      lastSeen.put(jobId, entry.get().end());
      return entry.get().end();
    }
    ExecutionStatus last = lastSeen.get(jobId);
    ExecutionStatus gone =
        WorkflowStatuses.deleted(jobId, workflowName, last == null ? null : last.startedAt(), clock.instant());
    ended(jobId, submittedAt, gone);
    return gone;
  }

  private void ended(String jobId, Instant submittedAt, ExecutionStatus end) {
    lastSeen.put(jobId, end);
    firstPending.remove(jobId);
    ledger.ended(jobId, submittedAt, end);
  }

  /** A pending job fails once it has waited longer than the setting allows, with the reason. */
  private ExecutionStatus checkPending(ExecutionStatus pending, List<Pod> pods) {
    Instant now = clock.instant();
    Instant since =
        TrainingPods.of(pods).map(TrainingPods.Progress::since).filter(Objects::nonNull)
            .orElseGet(() -> firstPending.computeIfAbsent(pending.jobId(), id -> now));
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
            now);
    timedOut.put(pending.jobId(), failed);
    stopper.stopSoon(pending.executorRef());
    return failed;
  }

  private boolean vouchedFor(String jobId, Instant submittedAt, GenericKubernetesResource workflow) {
    if (!identity.ours(workflow)) {
      return false;
    }
    Instant vouched = known.get(jobId);
    if (vouched != null) {
      return vouched.equals(submittedAt);
    }
    if (ledger.find(jobId, submittedAt).isPresent()) {
      known.put(jobId, submittedAt);
      return true;
    }
    return false;
  }
}
