package dev.berth.api;

import java.math.BigDecimal;
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

  /**
   * Checks one submitted value against this setting and gives the text to store: whole numbers
   * without decimals, decimals in Java's notation, booleans as {@code true}/{@code false}. The host's
   * settings API and the testkit's {@code TestPluginContext} both call this, so a value one accepts
   * the other accepts too.
   *
   * @param value as parsed from JSON or a form: a number, a boolean or a string
   * @throws IllegalArgumentException with a message for the admin, such as "must be between 0 and
   *     100, was 140"
   */
  public String normalise(Object value) {
    if (value == null) {
      throw new IllegalArgumentException("must not be null");
    }
    String text = value.toString().trim();
    switch (type) {
      case INTEGER -> {
        if (value instanceof Boolean) {
          throw new IllegalArgumentException("must be a whole number");
        }
        long n;
        try {
          n = new BigDecimal(text).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
          throw new IllegalArgumentException("must be a whole number, was '" + clip(text) + "'");
        }
        checkRange(n);
        return Long.toString(n);
      }
      case DECIMAL -> {
        double n;
        try {
          n = Double.parseDouble(text);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("must be a number, was '" + clip(text) + "'");
        }
        if (!Double.isFinite(n) || value instanceof Boolean) {
          throw new IllegalArgumentException("must be a finite number");
        }
        checkRange(n);
        return Double.toString(n);
      }
      case BOOLEAN -> {
        if (!text.equals("true") && !text.equals("false")) {
          throw new IllegalArgumentException("must be true or false");
        }
        return text;
      }
      case CHOICE -> {
        if (!choices.contains(text)) {
          throw new IllegalArgumentException(
              "must be one of " + String.join(", ", choices) + ", was '" + clip(text) + "'");
        }
        return text;
      }
      default -> {
        if (text.length() > 1024 || text.chars().anyMatch(Character::isISOControl)) {
          throw new IllegalArgumentException("must be one line of at most 1024 characters");
        }
        return text;
      }
    }
  }

  private void checkRange(double n) {
    if ((min != null && n < min) || (max != null && n > max)) {
      throw new IllegalArgumentException(
          "must be between " + format(min) + " and " + format(max) + ", was " + format(n));
    }
  }

  private static String format(Double d) {
    if (d == null) {
      return "∞";
    }
    return d == Math.rint(d) ? Long.toString(d.longValue()) : d.toString();
  }

  private static String clip(String s) {
    String oneLine = s.replaceAll("\\p{Cntrl}", "?");
    return oneLine.length() > 40 ? oneLine.substring(0, 40) + "…" : oneLine;
  }
}
