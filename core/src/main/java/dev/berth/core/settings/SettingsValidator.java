package dev.berth.core.settings;

import dev.berth.api.SettingDescriptor;
import dev.berth.api.SettingsSchema;
import dev.berth.core.errors.FieldError;
import dev.berth.core.errors.ValidationException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Checks submitted settings against their descriptors and turns them into stored strings. */
final class SettingsValidator {
  private SettingsValidator() {}

  /**
   * @param input keys to values as parsed from JSON or a form (numbers, booleans or strings)
   * @return the normalised values to store, for the keys given
   * @throws ValidationException naming every bad field
   */
  static Map<String, String> validate(SettingsSchema schema, Map<String, ?> input) {
    List<FieldError> errors = new ArrayList<>();
    Map<String, String> out = new LinkedHashMap<>();
    Map<String, SettingDescriptor> byKey = new LinkedHashMap<>();
    schema.settings().forEach(d -> byKey.put(d.key(), d));
    input.forEach(
        (key, value) -> {
          SettingDescriptor d = byKey.get(key);
          if (d == null) {
            errors.add(new FieldError(key, "unknown setting; known: " + String.join(", ", byKey.keySet())));
            return;
          }
          try {
            out.put(key, normalise(d, value));
          } catch (IllegalArgumentException e) {
            errors.add(new FieldError(key, e.getMessage()));
          }
        });
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    return out;
  }

  private static String normalise(SettingDescriptor d, Object value) {
    if (value == null) {
      throw new IllegalArgumentException("must not be null");
    }
    String text = value.toString().trim();
    switch (d.type()) {
      case INTEGER -> {
        if (value instanceof Boolean) {
          throw new IllegalArgumentException("must be a whole number");
        }
        long n;
        try {
          n = new BigDecimal(text).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
          throw new IllegalArgumentException("must be a whole number, was '" + text + "'");
        }
        checkRange(d, n);
        return Long.toString(n);
      }
      case DECIMAL -> {
        double n;
        try {
          n = Double.parseDouble(text);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("must be a number, was '" + text + "'");
        }
        if (!Double.isFinite(n) || value instanceof Boolean) {
          throw new IllegalArgumentException("must be a finite number");
        }
        checkRange(d, n);
        return Double.toString(n);
      }
      case BOOLEAN -> {
        if (!text.equals("true") && !text.equals("false")) {
          throw new IllegalArgumentException("must be true or false");
        }
        return text;
      }
      case CHOICE -> {
        if (!d.choices().contains(text)) {
          throw new IllegalArgumentException("must be one of " + String.join(", ", d.choices()) + ", was '" + clip(text) + "'");
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

  private static String clip(String s) {
    String oneLine = s.replaceAll("\\p{Cntrl}", "?");
    return oneLine.length() > 40 ? oneLine.substring(0, 40) + "…" : oneLine;
  }

  private static void checkRange(SettingDescriptor d, double n) {
    if ((d.min() != null && n < d.min()) || (d.max() != null && n > d.max())) {
      throw new IllegalArgumentException(
          "must be between " + fmt(d.min()) + " and " + fmt(d.max()) + ", was " + fmt(n));
    }
  }

  private static String fmt(Double d) {
    if (d == null) {
      return "∞";
    }
    return d == Math.rint(d) ? Long.toString(d.longValue()) : d.toString();
  }
}
