package dev.berth.probe.cluster;

import dev.berth.api.PluginConfig;
import dev.berth.plugin.support.HttpUrls;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The section {@code probe.cluster}: either a static list of monitors,
 *
 * <pre>{@code
 * probe:
 *   cluster:
 *     monitors:
 *       - http://gpu-node-1:8080                       # node name as the monitor reports it
 *       - { url: http://10.0.0.12:8080/status, node: gpu-node-2 }
 * }</pre>
 *
 * or the endpoints of the monitors' Service in Kubernetes ({@code kubernetes: {service:
 * berth-monitor}}), plus how to poll them: {@code timeoutMillis} (5000) per request, {@code
 * retries} (3) after a failed one, {@code retryBackoffMillis} (250, doubling), {@code
 * deadlineMillis} (10000) for the whole sample, {@code maxSampleAgeSeconds} (60; 0 = no limit).
 */
record ClusterProbeConfig(
    List<MonitorTarget> monitors,
    KubernetesSettings kubernetes,
    Duration timeout,
    int retries,
    Duration retryBackoff,
    Duration deadline,
    Duration maxSampleAge) {

  private static final Set<String> MONITOR_KEYS = Set.of("url", "node");
  private static final Set<String> KUBERNETES_KEYS =
      Set.of("service", "namespace", "port", "scheme", "path", "refreshSeconds", "masterUrl");

  static ClusterProbeConfig from(PluginConfig config) {
    Duration timeout = Duration.ofMillis(range(config, "timeoutMillis", 5000, 100, 60_000));
    int retries = (int) range(config, "retries", 3, 0, 10);
    Duration backoff = Duration.ofMillis(range(config, "retryBackoffMillis", 250, 0, 60_000));
    Duration deadline = Duration.ofMillis(range(config, "deadlineMillis", 10_000, 100, 600_000));
    Duration maxAge = Duration.ofSeconds(range(config, "maxSampleAgeSeconds", 60, 0, 86_400));
    List<MonitorTarget> monitors = monitors(config);
    KubernetesSettings kubernetes = kubernetes(config);
    if (monitors.isEmpty() == (kubernetes == null)) {
      throw new IllegalArgumentException(config.path() + ": set either monitors (a list of monitor URLs) or "
          + "kubernetes.service (the monitors' Service), " + (monitors.isEmpty() ? "not neither" : "not both"));
    }
    return new ClusterProbeConfig(monitors, kubernetes, timeout, retries, backoff, deadline, maxAge);
  }

  private static long range(PluginConfig config, String key, long fallback, long min, long max) {
    long value = config.getLong(key, fallback);
    if (value < min || value > max) {
      throw new IllegalArgumentException(config.path() + "." + key + " must be from " + min + " to " + max + ", was " + value);
    }
    return value;
  }

  private static List<MonitorTarget> monitors(PluginConfig config) {
    Object raw = config.values().get("monitors");
    List<?> entries = raw instanceof List<?> list ? list : raw == null ? List.of() : List.of(raw);
    List<MonitorTarget> out = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      String where = config.path() + ".monitors[" + i + "]";
      Object entry = entries.get(i);
      String url;
      String node = null;
      if (entry instanceof Map<?, ?> map) {
        for (Object key : map.keySet()) {
          if (!MONITOR_KEYS.contains(String.valueOf(key))) {
            throw new IllegalArgumentException(where + " has an unknown key '" + key + "'; keys: url, node");
          }
        }
        url = map.get("url") == null ? null : map.get("url").toString();
        node = blankToNull(map.get("node"));
      } else {
        url = entry == null ? null : entry.toString();
      }
      if (url == null || url.isBlank()) {
        throw new IllegalArgumentException(where + " needs a url");
      }
      out.add(new MonitorTarget(node, statusUrl(where, url.trim())));
    }
    return List.copyOf(out);
  }

  private static KubernetesSettings kubernetes(PluginConfig config) {
    PluginConfig k = config.section("kubernetes");
    if (k.values().isEmpty()) {
      return null;
    }
    for (String key : k.values().keySet()) {
      if (!KUBERNETES_KEYS.contains(key)) {
        throw new IllegalArgumentException(k.path() + " has an unknown key '" + key + "'; keys: "
            + String.join(", ", KUBERNETES_KEYS.stream().sorted().toList()));
      }
    }
    String service = blankToNull(k.values().get("service"));
    if (service == null) {
      throw new IllegalArgumentException(k.path() + ".service must name the monitors' Service");
    }
    String scheme = k.getString("scheme", "http").trim().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException(k.path() + ".scheme must be http or https, was '" + scheme + "'");
    }
    String path = k.getString("path", "/status").trim();
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException(k.path() + ".path must start with /, was '" + path + "'");
    }
    long refresh = range(k, "refreshSeconds", 30, 1, 86_400);
    return new KubernetesSettings(service, blankToNull(k.values().get("namespace")), blankToNull(k.values().get("port")),
        scheme, path, Duration.ofSeconds(refresh), blankToNull(k.values().get("masterUrl")));
  }

  /** An http(s) URL; a bare host:port or an empty path gets the monitor's {@code /status}. */
  static URI statusUrl(String where, String text) {
    return HttpUrls.withDefaultPath(where, text, "/status");
  }

  private static String blankToNull(Object value) {
    return value == null || value.toString().isBlank() ? null : value.toString().trim();
  }
}
