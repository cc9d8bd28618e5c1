package dev.berth.api;

import java.util.Map;

/**
 * The values of one settings section in force now, defaults included, already validated by the host
 * against the section's {@link SettingDescriptor}s.
 */
public record Settings(String section, long version, Map<String, String> values) {
  public Settings {
    values = Map.copyOf(values);
  }

  public String get(String key) {
    String v = values.get(key);
    if (v == null) {
      throw new IllegalArgumentException("setting " + section + "." + key + " is not declared");
    }
    return v;
  }

  public long getLong(String key) {
    return Long.parseLong(get(key));
  }

  public double getDouble(String key) {
    return Double.parseDouble(get(key));
  }

  public boolean getBoolean(String key) {
    return Boolean.parseBoolean(get(key));
  }
}
