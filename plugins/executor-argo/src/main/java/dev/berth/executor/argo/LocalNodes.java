package dev.berth.executor.argo;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The names this machine goes by. The single-host probe places jobs on a node named after the host
 * Berth runs on, which is no Kubernetes node: {@link PlacementMode#AUTO} does not pin such jobs.
 */
final class LocalNodes {
  private LocalNodes() {}

  static Set<String> names() {
    Set<String> names = new LinkedHashSet<>();
    names.add("localhost");
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      names.add(env.trim());
    }
    try {
      String host = InetAddress.getLocalHost().getHostName();
      names.add(host);
      int dot = host.indexOf('.');
      if (dot > 0) {
        names.add(host.substring(0, dot));
      }
    } catch (UnknownHostException e) {
      // No resolvable host name: only the environment's counts.
    }
    return names;
  }
}
