package dev.berth.probe.cluster;

import java.net.URI;

/**
 * One node's monitor to poll.
 *
 * @param node the node's name when the config or Kubernetes says it (the endpoint's {@code
 *     nodeName}); null to take the name the monitor reports
 * @param statusUrl the monitor's {@code /status}
 */
record MonitorTarget(String node, URI statusUrl) {

  /** The name for errors before the monitor ever answered: the configured name, else the URL's host. */
  String fallbackName() {
    return node != null ? node : statusUrl.getHost();
  }
}
