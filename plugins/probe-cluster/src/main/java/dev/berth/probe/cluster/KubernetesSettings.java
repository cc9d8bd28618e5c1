package dev.berth.probe.cluster;

import java.time.Duration;

/**
 * Where the monitors are in Kubernetes: the endpoints of a Service (normally a headless Service in
 * front of the {@code berth monitor} DaemonSet).
 *
 * @param service the Service's name
 * @param namespace its namespace; null for the client's own (the pod's, in a cluster)
 * @param port the port's name or number; null for the port named {@code http}, else the first
 * @param scheme {@code http} or {@code https}
 * @param path the monitor's status path, {@code /status}
 * @param refresh how often the endpoints are listed again
 * @param masterUrl the API server; null to configure from the pod's service account (or kubeconfig)
 */
record KubernetesSettings(
    String service, String namespace, String port, String scheme, String path, Duration refresh, String masterUrl) {}
