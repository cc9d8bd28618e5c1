package dev.berth.api;

import java.util.List;
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
 * @param choices the allowed values of a {@link SettingType#CHOICE}; empty for every other type
 */
public record SettingDescriptor(
    String key, SettingType type, String defaultValue, Double min, Double max, String description,
    List<String> choices) {
  public SettingDescriptor {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(defaultValue, "defaultValue");
    choices = choices == null ? List.of() : List.copyOf(choices);
    if (type == SettingType.CHOICE && !choices.contains(defaultValue)) {
      throw new IllegalArgumentException("setting " + key + ": default '" + defaultValue + "' is not one of " + choices);
    }
  }

  /** A setting of any type but {@link SettingType#CHOICE}. */
  public SettingDescriptor(
      String key, SettingType type, String defaultValue, Double min, Double max, String description) {
    this(key, type, defaultValue, min, max, description, List.of());
  }

  /** A decimal number between {@code min} and {@code max}, both inclusive. */
  public static SettingDescriptor decimal(String key, double def, double min, double max, String description) {
    return new SettingDescriptor(key, SettingType.DECIMAL, Double.toString(def), min, max, description);
  }

  /** One of a fixed set of words, such as {@code none} or {@code easy}. */
  public static SettingDescriptor choice(String key, String def, List<String> choices, String description) {
    return new SettingDescriptor(key, SettingType.CHOICE, def, null, null, description, choices);
  }

  public static SettingDescriptor integer(String key, long def, long min, long max, String description) {
    return new SettingDescriptor(
        key, SettingType.INTEGER, Long.toString(def), (double) min, (double) max, description);
  }
}
