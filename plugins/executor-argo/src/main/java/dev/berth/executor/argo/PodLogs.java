package dev.berth.executor.argo;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A workflow's pods and their logs ({@code pods/log} of the container {@code main}, or the one
 * configured), read through the API server.
 */
final class PodLogs {
  private final KubernetesClient client;
  private final String namespace;
  private final String container;

  PodLogs(KubernetesClient client, String namespace, String container) {
    this.client = client;
    this.namespace = namespace;
    this.container = container;
  }

  /** The names of the workflow's pods, oldest first. */
  List<String> pods(String workflow) {
    return podObjects(workflow).stream().map(p -> p.getMetadata().getName()).toList();
  }

  /** The workflow's pods, oldest first. */
  List<Pod> podObjects(String workflow) {
    List<Pod> pods =
        new ArrayList<>(
            client
                .pods()
                .inNamespace(namespace)
                .withLabel(Workflows.POD_WORKFLOW_LABEL, workflow)
                .list()
                .getItems());
    pods.sort(
        Comparator.comparing(
                (Pod p) -> p.getMetadata().getCreationTimestamp() == null ? "" : p.getMetadata().getCreationTimestamp())
            .thenComparing(p -> p.getMetadata().getName()));
    return pods;
  }

  /**
   * One pod's log lines from {@code sinceTime} (whole seconds, as the API takes it; null for all
   * the kubelet still has), each prefixed with its RFC 3339 time stamp ({@code timestamps=true}).
   * Null when the pod is gone; "" when its container has not started.
   */
  String stamped(String pod, String sinceTime) {
    String uri =
        "/api/v1/namespaces/"
            + namespace
            + "/pods/"
            + pod
            + "/log?container="
            + URLEncoder.encode(container, StandardCharsets.UTF_8)
            + "&timestamps=true"
            + (sinceTime == null ? "" : "&sinceTime=" + URLEncoder.encode(sinceTime, StandardCharsets.UTF_8));
    try {
      // fabric8 answers null for 404: the pod is gone.
      return client.raw(uri);
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_BAD_REQUEST) {
        return "";
      }
      if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
        return null;
      }
      throw e;
    }
  }
}
