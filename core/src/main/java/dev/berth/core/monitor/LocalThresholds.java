package dev.berth.core.monitor;

import dev.berth.api.SettingDescriptor;
import dev.berth.api.Settings;
import dev.berth.api.SettingsSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Thresholds from the policy's defaults with the monitor's own flags, variables or file keys on top. */
final class LocalThresholds implements ThresholdSource {
  private final Settings settings;
  private final String origin;

  LocalThresholds(SettingsSchema schema, Map<String, String> overrides) {
    this.settings = new Settings(section(schema), 0, merge(schema, Map.of(), overrides));
    this.origin = overrides.isEmpty() ? "defaults" : "local";
  }

  static String section(SettingsSchema schema) {
    return schema == null ? MonitorOptionsResolver.DEFAULT_POLICY : schema.section();
  }

  /** Defaults, then {@code fetched}, then {@code overrides}: every declared key gets a value. */
  static Map<String, String> merge(SettingsSchema schema, Map<String, String> fetched, Map<String, String> overrides) {
    Map<String, String> values = new LinkedHashMap<>();
    if (schema != null) {
      for (SettingDescriptor d : schema.settings()) {
        values.put(d.key(), d.defaultValue());
      }
    }
    fetched.forEach((k, v) -> {
      if (values.containsKey(k)) {
        values.put(k, v);
      }
    });
    values.putAll(overrides);
    return values;
  }

  @Override
  public Settings current() {
    return settings;
  }

  @Override
  public void refresh() {
    // Nothing comes from elsewhere.
  }

  @Override
  public String origin() {
    return origin;
  }

  @Override
  public List<String> problems() {
    return List.of();
  }
}
