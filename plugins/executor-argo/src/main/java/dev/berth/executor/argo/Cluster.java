package dev.berth.executor.argo;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.net.HttpURLConnection;
import java.util.List;
import java.util.Map;

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

  /** Every workflow this installation created in the namespace. */
  List<GenericKubernetesResource> berthWorkflows(WorkflowIdentity identity) {
    return workflows()
        .withLabel(WorkflowIdentity.INSTALLATION_LABEL, identity.installation())
        .withLabel(WorkflowIdentity.JOB_ID_LABEL)
        .list()
        .getItems();
  }

  /**
   * The pods of the workflow {@code workflowName}; empty when Berth may not list pods, so that
   * status falls back on what Argo wrote into the workflow.
   */
  List<Pod> pods(String workflowName) {
    try {
      return client().pods().inNamespace(namespace)
          .withLabel(Workflows.POD_WORKFLOW_LABEL, workflowName).list().getItems();
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_FORBIDDEN) {
        return List.of();
      }
      throw e;
    }
  }

  /**
   * The {@code kubernetes.io/hostname} label of the node {@code name}, which Berth pins jobs by.
   * It equals the node's name unless the kubelet runs with {@code --hostname-override}; the name
   * is the answer when the node or its label cannot be read (no permission to get nodes).
   */
  String hostnameOf(String name) {
    try {
      Node node = client().nodes().withName(name).get();
      Map<String, String> labels = node == null ? null : node.getMetadata().getLabels();
      String hostname = labels == null ? null : labels.get(WorkflowRenderer.HOSTNAME_LABEL);
      return hostname == null || hostname.isBlank() ? name : hostname;
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_FORBIDDEN || e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
        return name;
      }
      throw e;
    }
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
