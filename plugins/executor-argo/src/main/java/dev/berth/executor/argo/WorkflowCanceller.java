package dev.berth.executor.argo;

import dev.berth.api.Job;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.net.HttpURLConnection;
import org.slf4j.Logger;

/**
 * Stops a job's workflow the way {@code argo stop}/{@code argo terminate} do: a JSON merge patch
 * {@code {"spec":{"shutdown":"Terminate"}}} (or {@code Stop}). The patch carries the workflow's
 * resourceVersion, so it never lands on a workflow that finished meanwhile (which would turn its
 * failure into a cancel); on a conflict it reads the workflow again and retries.
 */
final class WorkflowCanceller {
  private static final int ATTEMPTS = 5;

  private final Cluster cluster;
  private final String strategy;
  private final Logger log;

  WorkflowCanceller(Cluster cluster, String strategy, Logger log) {
    this.cluster = cluster;
    this.strategy = strategy;
    this.log = log;
  }

  /** Asks the workflow of {@code job} to stop; does nothing when it has ended or is not there. */
  void cancel(Job job) {
    String name = WorkflowIdentity.workflowName(job.id());
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      GenericKubernetesResource workflow = cluster.workflow(name);
      if (workflow == null
          || !WorkflowIdentity.belongsTo(workflow, job)
          || Workflows.isFinished(workflow)
          || !Workflows.shutdown(workflow).isBlank()) {
        return;
      }
      String patch =
          "{\"metadata\":{\"resourceVersion\":\""
              + workflow.getMetadata().getResourceVersion()
              + "\"},\"spec\":{\"shutdown\":\""
              + strategy
              + "\"}}";
      try {
        cluster.workflows().withName(name).patch(PatchContext.of(PatchType.JSON_MERGE), patch);
        log.info("job {}: asked workflow {} to stop ({})", job.id(), name, strategy);
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
          return;
        }
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt == ATTEMPTS) {
          throw e;
        }
      }
    }
  }
}
