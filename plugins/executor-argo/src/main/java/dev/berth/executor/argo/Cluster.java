package dev.berth.executor.argo;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.List;

/**
 * The connection to the Kubernetes API and the namespace Berth's workflows live in. The client is
 * built on first use, so an executor that only renders previews never opens one.
 */
final class Cluster implements AutoCloseable {
  private final Config config;
  private final String namespace;
  private KubernetesClient client;
  private boolean closed;

  Cluster(Config config) {
    this.config = config;
    this.namespace = KubernetesClients.namespace(config);
  }

  String namespace() {
    return namespace;
  }

  synchronized KubernetesClient client() {
    if (closed) {
      throw new IllegalStateException("the argo executor is closed");
    }
    if (client == null) {
      client = KubernetesClients.client(config);
    }
    return client;
  }

  /** Workflows in Berth's namespace. */
  NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
      workflows() {
    MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> all =
        client().genericKubernetesResources(Workflows.CONTEXT);
    return all.inNamespace(namespace);
  }

  /** The workflow named {@code name}; null when there is none. */
  GenericKubernetesResource workflow(String name) {
    return workflows().withName(name).get();
  }

  /** Every workflow Berth created in the namespace. */
  List<GenericKubernetesResource> berthWorkflows() {
    return workflows().withLabel(WorkflowIdentity.JOB_ID_LABEL).list().getItems();
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (client != null) {
      client.close();
      client = null;
    }
  }
}
