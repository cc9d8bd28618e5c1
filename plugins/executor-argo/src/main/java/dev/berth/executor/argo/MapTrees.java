package dev.berth.executor.argo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small operations on the maps and lists a parsed YAML or JSON document is made of. */
final class MapTrees {
  private MapTrees() {}

  /** A copy in which every nested map and list is a new, modifiable one. */
  static Map<String, Object> deepCopy(Map<?, ?> map) {
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(String.valueOf(k), copyValue(v)));
    return out;
  }

  private static Object copyValue(Object value) {
    if (value instanceof Map<?, ?> map) {
      return deepCopy(map);
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(item -> out.add(copyValue(item)));
      return out;
    }
    return value;
  }

  /**
   * The map under {@code key}, created (or replaced, if {@code key} holds something else) so that
   * callers can write into it.
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> childMap(Map<String, Object> parent, String key) {
    Object child = parent.get(key);
    if (child instanceof LinkedHashMap<?, ?> map) {
      return (Map<String, Object>) map;
    }
    Map<String, Object> created = new LinkedHashMap<>();
    if (child instanceof Map<?, ?> map) {
      map.forEach((k, v) -> created.put(String.valueOf(k), v));
    }
    parent.put(key, created);
    return created;
  }

  /** A map of scalars as strings; empty when {@code value} is no map. */
  static Map<String, String> stringMap(Object value) {
    Map<String, String> out = new LinkedHashMap<>();
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> {
        if (v != null) {
          out.put(String.valueOf(k), v.toString());
        }
      });
    }
    return out;
  }
}
