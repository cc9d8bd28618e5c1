package dev.berth.core.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Applies {@code BERTH_*} environment variables to a config tree. Every key present in the tree
 * (the defaults define them all) has a variable: the path's segments upper-cased, camelCase and
 * dashes split by underscores, joined by underscores, so {@code server.port} is {@code
 * BERTH_SERVER_PORT} and {@code probe.nvidia-smi.command} is {@code BERTH_PROBE_NVIDIA_SMI_COMMAND}.
 * Values are read as YAML, so {@code [a, b]} is a list and {@code 8081} a number.
 */
final class EnvOverrides {
  private final ObjectMapper yaml;

  EnvOverrides(ObjectMapper yaml) {
    this.yaml = yaml;
  }

  static String variableName(List<String> path) {
    List<String> parts = new ArrayList<>();
    for (String segment : path) {
      parts.add(segment.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("[^A-Za-z0-9]+", "_"));
    }
    return "BERTH_" + String.join("_", parts).toUpperCase(Locale.ROOT);
  }

  @SuppressWarnings("unchecked")
  void apply(Map<String, Object> tree, Map<String, String> env, List<String> prefix) {
    for (Map.Entry<String, Object> entry : tree.entrySet()) {
      List<String> path = new ArrayList<>(prefix);
      path.add(entry.getKey());
      String value = env.get(variableName(path));
      if (value != null) {
        entry.setValue(parseScalar(value, path));
      } else if (entry.getValue() instanceof Map<?, ?> child) {
        apply((Map<String, Object>) child, env, path);
      }
    }
  }

  private Object parseScalar(String value, List<String> path) {
    if (value.isEmpty()) {
      return "";
    }
    try {
      return yaml.readValue(value, Object.class);
    } catch (Exception e) {
      throw new ConfigException(variableName(path) + " is not a valid value: " + e.getMessage());
    }
  }
}
