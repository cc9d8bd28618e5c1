package dev.berth.executor.argo;

import dev.berth.plugin.support.StatusNotifier;
import dev.berth.api.ExecutionException;
import dev.berth.api.Job;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import org.slf4j.Logger;

/**
 * Creates a run's workflow, or adopts the one an earlier submission of the same run created: the
 * name is fixed per run ({@link Job#runId()}: the job and its attempt), so the API server's
 * AlreadyExists is how a repeated submission finds its run, while a retry's new attempt gets a
 * workflow of its own and never adopts the one before it. A workflow
 * that was created once (the {@link StatusBook}'s ledger says so) is never created again, even
 * when Argo's TTL has deleted it meanwhile: there is never a second run of one job.
 */
final class WorkflowSubmitter {
  private final Cluster cluster;
  private final WorkflowRenderer renderer;
  private final WorkflowIdentity identity;
  private final StatusBook book;
  private final StatusNotifier notifier;
  private final Logger log;

  WorkflowSubmitter(
      Cluster cluster,
      WorkflowRenderer renderer,
      WorkflowIdentity identity,
      StatusBook book,
      StatusNotifier notifier,
      Logger log) {
    this.cluster = cluster;
    this.renderer = renderer;
    this.identity = identity;
    this.book = book;
    this.notifier = notifier;
    this.log = log;
  }

  /**
   * Creates or adopts the workflow of {@code job} and returns its name. When the API server cannot
   * be reached (or answers 5xx or 429), the name is returned without a workflow: the job stays
   * SCHEDULED, the host finds no run for it and submits it again a little later.
   *
   * @throws ExecutionException when the cluster refuses the workflow, or a workflow of that name
   *     exists that Berth did not create for this job
   */
  String submit(Job job) {
    String name = identity.runName(job);
    book.know(job);
    try {
      if (book.wasCreated(job)) {
        return readopt(job, name);
      }
      String node = job.placement() == null ? null : job.placement().node();
      GenericKubernetesResource workflow =
          renderer.render(job, cluster.namespace(), node == null ? null : cluster.hostnameOf(node));
      GenericKubernetesResource created = cluster.workflows().resource(workflow).create();
      book.created(job, created);
      log.info("job {} attempt {} submitted as workflow {}/{}", job.id(), job.attempt(), cluster.namespace(), name);
      return name;
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        return adopt(job, name);
      }
      if (isTransient(e)) {
        log.warn(
            "job {}: the Kubernetes API did not answer ({}); the job will be submitted again",
            job.id(),
            reason(e));
        return name;
      }
      throw new ExecutionException(
          "the cluster refused workflow " + cluster.namespace() + "/" + name + ": " + reason(e), e);
    }
  }

  /**
   * A job whose workflow was created before: follow it if it is still there, else report the end
   * Berth saw, or that it was deleted before Berth saw one.
   */
  private String readopt(Job job, String name) {
    GenericKubernetesResource existing = cluster.workflow(name);
    if (existing != null) {
      return adopt(job, name);
    }
    book.whenGone(job, name).ifPresent(notifier::pushChange);
    log.warn("job {}: its workflow {} was created before and is gone; it is not created again", job.id(), name);
    return name;
  }

  private String adopt(Job job, String name) {
    GenericKubernetesResource existing = cluster.workflow(name);
    if (existing == null) {
      throw new ExecutionException(
          "workflow " + name + " existed a moment ago but is gone now; it was deleted outside Berth");
    }
    if (!identity.belongsTo(existing, job)) {
      throw new ExecutionException(
          "a workflow named "
              + name
              + " already exists in namespace "
              + cluster.namespace()
              + " and was not created for this job by installation '"
              + identity.installation()
              + "' (another Berth, or an earlier database); delete it, or give each Berth its own"
              + " executor.argo.installation");
    }
    book.created(job, existing);
    log.info("job {}: adopted its existing workflow {}", job.id(), name);
    return name;
  }

  /** No answer, a server error or throttling: worth trying again; anything else is a refusal. */
  static boolean isTransient(KubernetesClientException e) {
    int code = e.getCode();
    return code <= 0 || code >= 500 || code == 429;
  }

  /** The API server's own message when it sent one, else the exception's. */
  static String reason(KubernetesClientException e) {
    Status status = e.getStatus();
    if (status != null && status.getMessage() != null && !status.getMessage().isBlank()) {
      return status.getMessage();
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() != null ? root.getMessage() : root.toString();
  }
}
