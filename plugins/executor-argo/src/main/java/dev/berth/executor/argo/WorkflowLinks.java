package dev.berth.executor.argo;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A workflow's page in the Argo UI: {@code <uiUrl>/workflows/<namespace>/<name>}. A reference of
 * the form {@code namespace/name} names its own namespace, so a run created before a change of
 * {@code executor.argo.namespace} still links to where it is.
 *
 * @param uiUrl the UI's base address without a trailing slash; empty for no links
 * @param namespace where workflows are created, for a reference that names none
 */
record WorkflowLinks(String uiUrl, String namespace) {

  Optional<URI> of(String executorRef) {
    if (uiUrl.isEmpty() || executorRef == null || executorRef.isBlank()) {
      return Optional.empty();
    }
    String name = executorRef;
    String ns = namespace;
    int slash = name.indexOf('/');
    if (slash > 0) {
      ns = name.substring(0, slash);
      name = name.substring(slash + 1);
    }
    return Optional.of(URI.create(uiUrl + "/workflows/" + encode(ns) + "/" + encode(name)));
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
