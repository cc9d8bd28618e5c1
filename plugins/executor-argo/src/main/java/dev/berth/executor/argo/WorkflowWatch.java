package dev.berth.executor.argo;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * An informer on the workflows this Berth created (labels {@code berth.dev/installation} with this
 * installation's id, and {@code berth.dev/job-id}) in one namespace. It
 * lists them, then watches; when the watch breaks it watches again, and lists again when the server
 * has forgotten where it was, so no change is lost. Every resync period it re-delivers every
 * workflow it holds. Events reach the {@link Observer} on the informer's own thread, one at a time.
 */
final class WorkflowWatch implements AutoCloseable {

  /** What the executor does with what the informer sees. */
  interface Observer {
    /**
     * A workflow was listed, created or changed.
     *
     * @param justFinished it went from running (or pending) to an end in this change
     */
    void seen(GenericKubernetesResource workflow, boolean justFinished);

    /**
     * A workflow was deleted; {@code workflow} is its last known state.
     *
     * @param finalStateUnknown the deletion was found by a relist after the watch broke (410
     *     Gone): {@code workflow} is the last state the watch saw, which may be stale
     */
    void deleted(GenericKubernetesResource workflow, boolean finalStateUnknown);
  }

  private final SharedIndexInformer<GenericKubernetesResource> informer;

  /** Starts the informer; returns at once, without waiting for the first list. */
  WorkflowWatch(
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
                    .genericKubernetesResources(Workflows.CONTEXT)
                    .inNamespace(namespace)
                    .withLabel(WorkflowIdentity.INSTALLATION_LABEL, identity.installation())
                    .withLabel(WorkflowIdentity.JOB_ID_LABEL)
                    .runnableInformer(resync.toMillis()));
    informer.addEventHandler(
        new ResourceEventHandler<>() {
          @Override
          public void onAdd(GenericKubernetesResource workflow) {
            observer.seen(workflow, false);
          }

          @Override
          public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
            observer.seen(after, !Workflows.isFinished(before) && Workflows.isFinished(after));
          }

          @Override
          public void onDelete(GenericKubernetesResource workflow, boolean finalStateUnknown) {
            observer.deleted(workflow, finalStateUnknown);
          }
        });
    // Keep trying through API server outages and a missing CRD or permission: Berth keeps
    // working by polling meanwhile, and the log says why pushes stopped.
    informer.exceptionHandler(
        (started, error) -> {
          log.warn(
              "watching workflows in namespace {} failed ({}); retrying", namespace, error.toString());
          return true;
        });
    KubernetesClients.inPluginClassLoader(informer::start);
  }

  /** The workflow named {@code name} as the informer holds it; null when it holds none. */
  GenericKubernetesResource cached(String namespace, String name) {
    return informer.getStore().getByKey(namespace + "/" + name);
  }

  @Override
  public void close() {
    informer.close();
  }
}
