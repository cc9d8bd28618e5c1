package dev.berth.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plugin's section of the YAML configuration, as nested maps, lists and scalars. The typed getters
 * fail with a message that names the key, so a plugin can let that message reach the user.
 */
public record PluginConfig(String path, Map<String, Object> values) {

  public PluginConfig {
    values = values == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  public static PluginConfig empty(String path) {
    return new PluginConfig(path, Map.of());
  }

  public boolean has(String key) {
    return values.containsKey(key) && values.get(key) != null;
  }

  public String getString(String key, String fallback) {
    Object v = values.get(key);
    return v == null ? fallback : v.toString();
  }

  public long getLong(String key, long fallback) {
    Object v = values.get(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Number n) {
      return n.longValue();
    }
    try {
      return Long.parseLong(v.toString().trim());
    } catch (NumberFormatException e) {
      throw invalid(key, "a whole number", v);
    }
  }

  public int getInt(String key, int fallback) {
    long v = getLong(key, fallback);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw invalid(key, "a whole number in int range", v);
    }
    return (int) v;
  }

  public boolean getBoolean(String key, boolean fallback) {
    Object v = values.get(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    return switch (v.toString().trim().toLowerCase(java.util.Locale.ROOT)) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> throw invalid(key, "true or false", v);
    };
  }

  public Duration getMillis(String key, Duration fallback) {
    return has(key) ? Duration.ofMillis(getLong(key, 0)) : fallback;
  }

  /** A list of strings; a single scalar counts as a one-element list. */
  public List<String> getStringList(String key) {
    Object v = values.get(key);
    if (v == null) {
      return List.of();
    }
    if (v instanceof List<?> list) {
      List<String> out = new ArrayList<>(list.size());
      for (Object o : list) {
        out.add(String.valueOf(o));
      }
      return List.copyOf(out);
    }
    return List.of(v.toString());
  }

  /** A nested section; empty when absent. */
  public PluginConfig section(String key) {
    Object v = values.get(key);
    if (v == null) {
      return empty(child(key));
    }
    if (v instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, val) -> copy.put(String.valueOf(k), val));
      return new PluginConfig(child(key), copy);
    }
    throw invalid(key, "a section (a map of keys)", v);
  }

  private String child(String key) {
    return path == null || path.isEmpty() ? key : path + "." + key;
  }

  private IllegalArgumentException invalid(String key, String expected, Object actual) {
    return new IllegalArgumentException(
        "config " + child(key) + " must be " + expected + ", was '" + actual + "'");
  }
}
