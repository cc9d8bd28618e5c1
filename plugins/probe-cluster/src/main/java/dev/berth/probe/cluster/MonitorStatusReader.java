package dev.berth.probe.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.api.GpuResources;
import dev.berth.api.NodeResources;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a monitor's {@code /status} into one node. A {@code berth monitor} sends a {@code gpus}
 * array; a monitor of the reference design sends only its aggregate fields, read as one GPU (index
 * 0) when it reports GPU memory. Figures out of range become unknown, with an error saying so, and
 * a sample older than the limit counts as no sample at all.
 */
final class MonitorStatusReader {
  private final ObjectMapper json = new ObjectMapper();
  private final Duration maxAge;

  MonitorStatusReader(Duration maxAge) {
    this.maxAge = maxAge;
  }

  /** What a monitor said that is not a status; the node is then reported with this reason. */
  static final class BadStatus extends Exception {
    private static final long serialVersionUID = 1L;

    BadStatus(String message) {
      super(message);
    }
  }

  /**
   * @param target the monitor; its configured node name wins over the one the monitor reports
   * @param now the probe's clock, for the sample's age
   */
  NodeResources read(String body, MonitorTarget target, Instant now) throws BadStatus {
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (JsonProcessingException e) {
      throw new BadStatus("sent a status that is not JSON");
    }
    if (root == null || !root.isObject()) {
      throw new BadStatus("sent a status that is not a JSON object");
    }
    String reported = text(root.get("node"));
    String name = target.node() != null ? target.node() : reported != null ? reported : target.fallbackName();
    List<String> errors = new ArrayList<>();
    JsonNode monitorErrors = root.get("errors");
    if (monitorErrors != null && monitorErrors.isArray()) {
      monitorErrors.forEach(e -> {
        if (e.isTextual() && !e.asText().isBlank()) {
          errors.add(e.asText());
        }
      });
    }
    String stale = staleness(root.get("taken_at"), now);
    if (stale != null) {
      errors.add("monitor on " + name + " " + stale);
      return new NodeResources(name, null, null, List.of(), errors);
    }
    Double cpu = percent(root.get("cpu_usage"), "cpu_usage", name, errors);
    Double memory = percent(root.get("memory_usage"), "memory_usage", name, errors);
    List<GpuResources> gpus = root.has("gpus") ? gpus(root.get("gpus"), name, errors) : aggregateGpu(root, name, errors);
    return new NodeResources(name, cpu, memory, gpus, errors);
  }

  private String staleness(JsonNode takenAt, Instant now) {
    if (maxAge.isZero() || takenAt == null || !takenAt.isTextual()) {
      return null;
    }
    try {
      Duration age = Duration.between(Instant.parse(takenAt.asText()), now);
      return age.compareTo(maxAge) > 0
          ? "sent a sample " + age.toSeconds() + " s old (taken at " + takenAt.asText() + "; limit "
              + maxAge.toSeconds() + " s): its probe is stuck or its clock is off"
          : null;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static List<GpuResources> gpus(JsonNode array, String node, List<String> errors) {
    List<GpuResources> out = new ArrayList<>();
    if (!array.isArray()) {
      errors.add("monitor on " + node + " sent gpus that are not a list");
      return out;
    }
    Set<Integer> seen = new HashSet<>();
    for (JsonNode g : array) {
      JsonNode index = g.get("index");
      if (index == null || !index.canConvertToInt() || !index.isIntegralNumber() || index.asInt() < 0) {
        errors.add("monitor on " + node + " sent a GPU without a valid index");
        continue;
      }
      int i = index.asInt();
      if (!seen.add(i)) {
        errors.add("monitor on " + node + " sent GPU " + i + " twice; the second skipped");
        continue;
      }
      String label = "GPU " + i;
      out.add(new GpuResources(i, text(g.get("uuid")), text(g.get("name")),
          mebibytes(g.get("memory_used"), label + " memory_used", node, errors),
          mebibytes(g.get("memory_total"), label + " memory_total", node, errors),
          percent(g.get("utilization"), label + " utilization", node, errors),
          nonNegative(g.get("power_watts"), label + " power_watts", node, errors),
          number(g.get("temperature_c"), label + " temperature_c", node, errors),
          texts(g.get("throttle_reasons")),
          metrics(g.get("metrics"), label, node, errors)));
    }
    return out;
  }

  /** The strings of a list; anything else (an older monitor sends nothing) is no reasons. */
  private static List<String> texts(JsonNode value) {
    List<String> out = new ArrayList<>();
    if (value != null && value.isArray()) {
      value.forEach(v -> {
        if (v.isTextual() && !v.asText().isBlank()) {
          out.add(v.asText());
        }
      });
    }
    return out;
  }

  private static Map<String, Double> metrics(JsonNode value, String label, String node, List<String> errors) {
    Map<String, Double> out = new LinkedHashMap<>();
    if (value != null && value.isObject()) {
      value.properties().forEach(e -> {
        Double v = number(e.getValue(), label + " metric " + e.getKey(), node, errors);
        if (v != null) {
          out.put(e.getKey(), v);
        }
      });
    }
    return out;
  }

  /** A reference-design status: one GPU when it reports GPU memory at all. */
  private static List<GpuResources> aggregateGpu(JsonNode root, String node, List<String> errors) {
    Long total = mebibytes(root.get("gpu_memory_total"), "gpu_memory_total", node, errors);
    if (total == null || total == 0) {
      return List.of();
    }
    return List.of(new GpuResources(0, null, null,
        mebibytes(root.get("gpu_memory_used"), "gpu_memory_used", node, errors), total,
        percent(root.get("gpu_utilization"), "gpu_utilization", node, errors), null));
  }

  private static Double percent(JsonNode value, String field, String node, List<String> errors) {
    Double v = number(value, field, node, errors);
    if (v != null && (v < 0 || v > 100)) {
      errors.add("monitor on " + node + " sent " + field + " " + v + ", not a percentage");
      return null;
    }
    return v;
  }

  private static Double nonNegative(JsonNode value, String field, String node, List<String> errors) {
    Double v = number(value, field, node, errors);
    if (v != null && v < 0) {
      errors.add("monitor on " + node + " sent a negative " + field);
      return null;
    }
    return v;
  }

  private static Long mebibytes(JsonNode value, String field, String node, List<String> errors) {
    Double v = nonNegative(value, field, node, errors);
    return v == null ? null : Math.round(v);
  }

  private static Double number(JsonNode value, String field, String node, List<String> errors) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isNumber() || !Double.isFinite(value.asDouble())) {
      errors.add("monitor on " + node + " sent " + field + " that is not a number");
      return null;
    }
    return value.asDouble();
  }

  private static String text(JsonNode value) {
    return value == null || !value.isTextual() || value.asText().isBlank() ? null : value.asText();
  }
}
