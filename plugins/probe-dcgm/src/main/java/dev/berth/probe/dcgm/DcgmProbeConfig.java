package dev.berth.probe.dcgm;

import dev.berth.api.PluginConfig;
import dev.berth.plugin.support.HttpUrls;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The section {@code probe.dcgm}:
 *
 * <pre>{@code
 * probe:
 *   dcgm:
 *     exporters:
 *       - http://gpu-node-1:9400/metrics          # node name from the Hostname/hostname label
 *       - { url: http://10.0.0.12:9400, node: gpu-node-2 }   # node name given; path defaults to /metrics
 *     timeoutMillis: 5000
 * }</pre>
 */
record DcgmProbeConfig(List<DcgmExporter> exporters, Duration timeout) {
  static final long DEFAULT_TIMEOUT_MILLIS = 5000;

  static DcgmProbeConfig from(PluginConfig config) {
    long timeout = config.getLong("timeoutMillis", DEFAULT_TIMEOUT_MILLIS);
    if (timeout < 100 || timeout > 60_000) {
      throw new IllegalArgumentException(config.path() + ".timeoutMillis must be from 100 to 60000, was " + timeout);
    }
    Object raw = config.values().get("exporters");
    List<?> entries = raw instanceof List<?> list ? list : raw == null ? List.of() : List.of(raw);
    if (entries.isEmpty()) {
      throw new IllegalArgumentException(config.path()
          + ".exporters must list the dcgm-exporter URLs to read, such as [http://gpu-node-1:9400/metrics]");
    }
    List<DcgmExporter> exporters = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      exporters.add(exporter(config.path() + ".exporters[" + i + "]", entries.get(i)));
    }
    return new DcgmProbeConfig(List.copyOf(exporters), Duration.ofMillis(timeout));
  }

  private static DcgmExporter exporter(String where, Object entry) {
    String url;
    String node = null;
    if (entry instanceof Map<?, ?> map) {
      for (Object key : map.keySet()) {
        if (!"url".equals(key) && !"node".equals(key)) {
          throw new IllegalArgumentException(where + " has an unknown key '" + key + "'; keys: url, node");
        }
      }
      url = map.get("url") == null ? null : map.get("url").toString();
      node = map.get("node") == null || map.get("node").toString().isBlank() ? null : map.get("node").toString().trim();
    } else {
      url = entry == null ? null : entry.toString();
    }
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException(where + " needs a url");
    }
    return new DcgmExporter(metricsUrl(where, url.trim()), node);
  }

  /** An http(s) URL; a bare host:port or an empty path gets dcgm-exporter's {@code /metrics}. */
  static URI metricsUrl(String where, String text) {
    return HttpUrls.withDefaultPath(where, text, "/metrics");
  }
}
