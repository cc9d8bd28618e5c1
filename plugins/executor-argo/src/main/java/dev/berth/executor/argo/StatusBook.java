package dev.berth.executor.argo;

import dev.berth.api.ExecutionStatus;
import dev.berth.api.Job;
import dev.berth.plugin.support.StatusNotifier;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this executor last saw of each job's workflow, fed by the informer and by direct reads. It
 * answers for workflows that are gone: a run deleted before it finished is FAILED "workflow
 * deleted", and a finished run keeps its end after Argo's garbage collection removed it. It is
 * also the informer's observer, and pushes every change to the host.
 */
final class StatusBook implements WorkflowWatch.Observer {

  /** Called with a workflow that has just finished, to keep its log. */
  interface FinishHook {
    void finished(String jobId, GenericKubernetesResource workflow);
  }

  private final Clock clock;
  private final StatusNotifier notifier;
  private final FinishHook onFinish;
  private final Map<String, ExecutionStatus> lastSeen = new ConcurrentHashMap<>();
  private final Set<String> deletedUnfinished = ConcurrentHashMap.newKeySet();

  StatusBook(Clock clock, StatusNotifier notifier, FinishHook onFinish) {
    this.clock = clock;
    this.notifier = notifier;
    this.onFinish = onFinish;
  }

  @Override
  public void seen(GenericKubernetesResource workflow, boolean justFinished) {
    Optional<String> jobId = WorkflowIdentity.jobId(workflow);
    if (jobId.isEmpty()) {
      return;
    }
    ExecutionStatus status = record(jobId.get(), workflow);
    deletedUnfinished.remove(jobId.get());
    notifier.pushChange(status);
    if (justFinished) {
      onFinish.finished(jobId.get(), workflow);
    }
  }

  @Override
  public void deleted(GenericKubernetesResource workflow) {
    Optional<String> jobId = WorkflowIdentity.jobId(workflow);
    if (jobId.isEmpty()) {
      return;
    }
    ExecutionStatus last = WorkflowStatuses.of(jobId.get(), workflow);
    if (last.phase().isFinished()) {
      // Argo's TTL or GC removed a finished run: keep its end for status(), forget the pushes.
      lastSeen.put(jobId.get(), last);
      notifier.forget(jobId.get());
      return;
    }
    ExecutionStatus gone =
        WorkflowStatuses.deleted(jobId.get(), last.executorRef(), last.startedAt(), clock.instant());
    lastSeen.put(jobId.get(), gone);
    deletedUnfinished.add(jobId.get());
    notifier.pushChange(gone);
  }

  /** Reads and remembers the status of {@code workflow}, which belongs to {@code jobId}. */
  ExecutionStatus record(String jobId, GenericKubernetesResource workflow) {
    ExecutionStatus status = WorkflowStatuses.of(jobId, workflow);
    lastSeen.put(jobId, status);
    return status;
  }

  /**
   * The status of {@code job} when its workflow is not in the cluster: its last end if this
   * executor saw one; FAILED "workflow deleted" when it was seen deleted, or when the job had been
   * running (so a workflow did exist); otherwise nothing, for a job never submitted.
   */
  Optional<ExecutionStatus> whenGone(Job job, String workflowName) {
    ExecutionStatus last = lastSeen.get(job.id());
    if (last != null && last.phase().isFinished()) {
      return Optional.of(last);
    }
    if (job.executorRef() != null) {
      ExecutionStatus gone =
          WorkflowStatuses.deleted(
              job.id(), workflowName, last == null ? job.startedAt() : last.startedAt(), clock.instant());
      lastSeen.put(job.id(), gone);
      deletedUnfinished.add(job.id());
      return Optional.of(gone);
    }
    return Optional.empty();
  }

  /** Whether the workflow of {@code jobId} was seen deleted before it finished. */
  boolean wasDeleted(String jobId) {
    return deletedUnfinished.contains(jobId);
  }
}
