package dev.berth.probe.dcgm;

import dev.berth.api.GpuResources;
import dev.berth.api.NodeResources;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Groups one exporter's series into nodes and GPUs: by the {@code Hostname} or {@code hostname}
 * label (or the node the exporter is configured for), then by the {@code gpu} index. dcgm-exporter
 * measures GPUs only, so host CPU and memory stay unknown (null).
 */
final class DcgmNodes {
  private static final Set<String> READ =
      Set.of(DcgmFields.GPU_UTIL, DcgmFields.FB_USED, DcgmFields.FB_FREE, DcgmFields.FB_RESERVED, DcgmFields.POWER_USAGE,
          DcgmFields.GPU_TEMP, DcgmFields.MEMORY_TEMP, DcgmFields.SM_CLOCK, DcgmFields.CLOCK_THROTTLE_REASONS,
          DcgmFields.CLOCKS_EVENT_REASONS);

  private DcgmNodes() {}

  /**
   * @param exposition what the exporter served
   * @param exporter the exporter, for its configured node name and for error messages
   * @return one node per host name seen, in order of first appearance; the exporter's own node with
   *     an error when it served no GPU series at all
   */
  static List<NodeResources> read(PrometheusExposition exposition, DcgmExporter exporter) {
    Map<String, Map<Integer, GpuSeries>> nodes = new LinkedHashMap<>();
    Map<String, Set<String>> problems = new LinkedHashMap<>();
    for (PrometheusSample sample : exposition.samples()) {
      if (!READ.contains(sample.name())) {
        continue;
      }
      String node = nodeOf(sample, exporter);
      Map<Integer, GpuSeries> gpus = nodes.computeIfAbsent(node, k -> new TreeMap<>());
      Integer index = indexOf(sample.label(DcgmFields.LABEL_GPU));
      if (index == null) {
        problems.computeIfAbsent(node, k -> new LinkedHashSet<>())
            .add(exporter.describe() + ": " + sample.name() + " series without a gpu index label skipped");
        continue;
      }
      GpuSeries gpu = gpus.computeIfAbsent(index, GpuSeries::new);
      String uuid = sample.label(DcgmFields.LABEL_UUID);
      if (gpu.uuid() != null && uuid != null && !uuid.isBlank() && !uuid.equals(gpu.uuid())) {
        problems.computeIfAbsent(node, k -> new LinkedHashSet<>())
            .add(exporter.describe() + ": GPU " + index + " of " + node + " reported as both " + gpu.uuid()
                + " and " + uuid + "; the second skipped");
        continue;
      }
      gpu.add(sample);
    }
    List<String> parseErrors = exposition.errors().stream().map(e -> exporter.describe() + ": " + e).toList();
    if (nodes.isEmpty()) {
      List<String> errors = new ArrayList<>(parseErrors);
      errors.add(exporter.describe() + " served no GPU series (" + DcgmFields.FB_USED + ", " + DcgmFields.FB_FREE
          + ", " + DcgmFields.GPU_UTIL + ")");
      return List.of(new NodeResources(exporter.fallbackNode(), null, null, List.of(), errors));
    }
    List<NodeResources> out = new ArrayList<>();
    nodes.forEach((node, gpus) -> {
      List<GpuResources> resources = new ArrayList<>();
      gpus.values().forEach(g -> resources.add(g.toGpu()));
      List<String> errors = new ArrayList<>(parseErrors);
      errors.addAll(problems.getOrDefault(node, Set.of()));
      out.add(new NodeResources(node, null, null, resources, errors));
    });
    return out;
  }

  private static String nodeOf(PrometheusSample sample, DcgmExporter exporter) {
    if (exporter.node() != null) {
      return exporter.node();
    }
    for (String label : List.of(DcgmFields.LABEL_HOSTNAME_OLD, DcgmFields.LABEL_HOSTNAME)) {
      String value = sample.label(label);
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return exporter.fallbackNode();
  }

  private static Integer indexOf(String label) {
    if (label == null) {
      return null;
    }
    try {
      int index = Integer.parseInt(label.trim());
      return index < 0 ? null : index;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
