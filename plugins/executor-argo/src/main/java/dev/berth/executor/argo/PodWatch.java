package dev.berth.executor.argo;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * An informer on the pods of this installation's workflows (Berth labels them through the
 * workflow's {@code podMetadata}). A pod that is scheduled, starts or ends changes what Berth
 * reports before Argo's controller writes it into the workflow, so each change re-reads its job.
 */
final class PodWatch implements AutoCloseable {

  /** What the executor does when a job's pod changes. */
  interface Observer {
    /** @param runId the run ({@link dev.berth.api.Job#runId()}) whose pod changed */
    void podChanged(String runId);
  }

  private final SharedIndexInformer<Pod> informer;

  PodWatch(
      KubernetesClient client,
      String namespace,
      WorkflowIdentity identity,
      Duration resync,
      Observer observer,
      Logger log) {
    this.informer =
        KubernetesClients.inPluginClassLoader(
            () ->
                client
                    .pods()
                    .inNamespace(namespace)
                    .withLabel(WorkflowIdentity.INSTALLATION_LABEL, identity.installation())
                    .withLabel(WorkflowIdentity.JOB_ID_LABEL)
                    .runnableInformer(resync.toMillis()));
    informer.addEventHandler(
        new ResourceEventHandler<>() {
          @Override
          public void onAdd(Pod pod) {
            changed(pod);
          }

          @Override
          public void onUpdate(Pod before, Pod after) {
            changed(after);
          }

          @Override
          public void onDelete(Pod pod, boolean finalStateUnknown) {
            changed(pod);
          }

          private void changed(Pod pod) {
            WorkflowIdentity.runId(pod).ifPresent(observer::podChanged);
          }
        });
    informer.exceptionHandler(
        (started, error) -> {
          log.warn("watching pods in namespace {} failed ({}); retrying", namespace, error.toString());
          return true;
        });
    KubernetesClients.inPluginClassLoader(informer::start);
  }

  /** The pods of the run {@code runId} (one attempt of a job) the informer holds. */
  List<Pod> pods(String runId) {
    return informer.getStore().list().stream()
        .filter(p -> WorkflowIdentity.runId(p).equals(Optional.of(runId)))
        .toList();
  }

  @Override
  public void close() {
    informer.close();
  }
}
