package dev.berth.executor.argo;

import java.util.Locale;

/** How the node the scheduler chose reaches the workflow ({@code executor.argo.placement}). */
enum PlacementMode {
  /**
   * {@code spec.nodeSelector} when the node is one the probe found in the cluster; nothing when it
   * is this machine (the single-host probe's answer), which Kubernetes would not know.
   */
  AUTO,
  /** Always {@code spec.nodeSelector: {kubernetes.io/hostname: <node>}}. */
  NODE_SELECTOR,
  /** Always a workflow argument (named by {@code nodeParameter}) for the template to use. */
  PARAMETER,
  /** Never: Kubernetes places the pods. */
  NONE;

  /**
   * @throws IllegalArgumentException naming the key when the value is none of the modes
   */
  static PlacementMode parse(String value, String key) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "auto" -> AUTO;
      case "nodeselector", "node-selector" -> NODE_SELECTOR;
      case "parameter" -> PARAMETER;
      case "none" -> NONE;
      default ->
          throw new IllegalArgumentException(
              "config " + key + " must be auto, nodeSelector, parameter or none, was '" + value + "'");
    };
  }
}
