package dev.berth.api;

import java.util.Objects;

/**
 * One admin-editable setting a plugin declares. The host validates values against it (type, min,
 * max), stores them, serves them on {@code /api/v1/settings} and renders them on the admin page.
 *
 * @param key a camelCase key, unique within its section
 * @param defaultValue the value in force until an admin changes it, as text
 * @param min inclusive lower bound for numbers; null for none
 * @param max inclusive upper bound for numbers; null for none
 * @param description one sentence for the admin page, with the unit
 */
public record SettingDescriptor(
    String key, SettingType type, String defaultValue, Double min, Double max, String description) {
  public SettingDescriptor {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(defaultValue, "defaultValue");
  }

  public static SettingDescriptor integer(String key, long def, long min, long max, String description) {
    return new SettingDescriptor(
        key, SettingType.INTEGER, Long.toString(def), (double) min, (double) max, description);
  }
}
