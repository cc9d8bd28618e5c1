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
 * A workflow's log, read from its pods ({@code pods/log} of the container {@code main}, or the one
 * configured) through the API server. A workflow of one pod has that pod's log; a workflow of
 * several has their logs one after another in creation order, each after the first under a {@code
 * ==> pod <==} line.
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

  /** The whole log so far; "" when no pod has started. */
  String whole(String workflow) {
    StringBuilder out = new StringBuilder();
    List<String> pods = pods(workflow);
    for (int i = 0; i < pods.size(); i++) {
      appendPod(out, pods.get(i), i, fetch(pods.get(i), null));
    }
    return out.toString();
  }

  /** The last {@code lines} lines, asking the API server for only as much of each pod's log. */
  String tail(String workflow, int lines) {
    if (lines <= 0) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    List<String> pods = pods(workflow);
    for (int i = 0; i < pods.size(); i++) {
      appendPod(out, pods.get(i), i, fetch(pods.get(i), lines));
    }
    return LogSlices.tail(out.toString(), lines);
  }

  private static void appendPod(StringBuilder out, String pod, int index, String log) {
    if (index > 0) {
      if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
        out.append('\n');
      }
      out.append("==> ").append(pod).append(" <==\n");
    }
    out.append(log);
  }

  /** The names of the workflow's pods, oldest first. */
  List<String> pods(String workflow) {
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
    return pods.stream().map(p -> p.getMetadata().getName()).toList();
  }

  /**
   * One pod's log, or its last {@code tailLines}. "" when the container has not started (the API
   * server answers 400) or the pod is gone.
   */
  private String fetch(String pod, Integer tailLines) {
    String uri =
        "/api/v1/namespaces/"
            + namespace
            + "/pods/"
            + pod
            + "/log?container="
            + URLEncoder.encode(container, StandardCharsets.UTF_8)
            + (tailLines == null ? "" : "&tailLines=" + tailLines);
    try {
      String log = client.raw(uri);
      return log == null ? "" : log;
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_BAD_REQUEST) {
        return "";
      }
      throw e;
    }
  }
}
