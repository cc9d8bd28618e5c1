package dev.berth.probe.dcgm;

import java.net.URI;

/**
 * One dcgm-exporter to scrape.
 *
 * @param url its metrics URL, such as {@code http://gpu-node-1:9400/metrics}
 * @param node the node name all its GPUs belong to; null to take the {@code Hostname} or {@code
 *     hostname} label of each series (which, in Kubernetes, exporters older than 4.x set to the pod
 *     name unless {@code NODE_NAME} is set)
 */
record DcgmExporter(URI url, String node) {

  /** The node name to report when neither the config nor the series name one: the URL's host. */
  String fallbackNode() {
    return node != null ? node : url.getHost();
  }

  /** How errors name this exporter. */
  String describe() {
    return "dcgm-exporter " + url;
  }
}
