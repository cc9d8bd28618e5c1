package dev.berth.executor.argo;

import dev.berth.api.Job;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.net.HttpURLConnection;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Predicate;
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
  private final WorkflowIdentity identity;
  private final String strategy;
  private final Logger log;
  private final ExecutorService background =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "berth-argo-stop");
            t.setDaemon(true);
            return t;
          });

  WorkflowCanceller(Cluster cluster, WorkflowIdentity identity, String strategy, Logger log) {
    this.cluster = cluster;
    this.identity = identity;
    this.strategy = strategy;
    this.log = log;
  }

  /**
   * Asks the workflow of {@code job}'s current attempt to stop; does nothing when it has ended or
   * is not there.
   */
  void cancel(Job job) {
    stop(identity.runName(job), workflow -> identity.belongsTo(workflow, job));
  }

  /**
   * Stops this installation's workflow {@code name} in the background: Berth gave up on it (it
   * never started in time), so it must not start later and hold a GPU no job accounts for.
   */
  void stopSoon(String name) {
    try {
      background.execute(
          () -> {
            try {
              stop(name, identity::ours);
            } catch (RuntimeException e) {
              log.warn("could not stop workflow {}: {}", name, e.toString());
            }
          });
    } catch (RejectedExecutionException e) {
      // Closed: the reconciler stops it after the next start, as a run of a finished job.
    }
  }

  private void stop(String name, Predicate<GenericKubernetesResource> owned) {
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      GenericKubernetesResource workflow = cluster.workflow(name);
      if (workflow == null
          || !owned.test(workflow)
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
        log.info("asked workflow {} to stop ({})", name, strategy);
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

  void close() {
    background.shutdownNow();
  }
}
