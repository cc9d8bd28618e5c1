package dev.berth.probe.nvidia;

import dev.berth.plugin.support.ThrottleReasons;
import java.util.List;
import java.util.Locale;

/**
 * Reads one field of a nvidia-smi CSV row. Drivers write what they cannot measure as {@code [N/A]},
 * {@code [Not Supported]}, {@code [Unknown Error]}, {@code [Insufficient Permissions]} or a bare
 * {@code N/A}; all of these are an unknown (null) value, not an error.
 */
final class MetricText {

  private MetricText() {}

  /** Whether the field is one of the driver's "cannot measure" placeholders (or empty). */
  static boolean isPlaceholder(String field) {
    return field.isEmpty()
        || field.equalsIgnoreCase("N/A")
        || (field.startsWith("[") && field.endsWith("]"));
  }

  /** A text column (UUID), null for a placeholder. */
  static String text(String field) {
    return isPlaceholder(field) ? null : field;
  }

  /** A whole number of MiB, null for a placeholder; tolerates a " MiB" unit left in. */
  static Long mebibytes(String field, String column) throws MalformedRowException {
    Double value = number(field, column, "MiB");
    return value == null ? null : Math.round(value);
  }

  /** A percentage 0..100, null for a placeholder; tolerates a " %" unit left in. */
  static Double percent(String field, String column) throws MalformedRowException {
    Double value = number(field, column, "%");
    if (value != null && value > 100) {
      throw new MalformedRowException(column + " '" + field + "' is over 100 %");
    }
    return value;
  }

  /** Watts, null for a placeholder; tolerates a " W" unit left in. */
  static Double watts(String field, String column) throws MalformedRowException {
    return number(field, column, "W");
  }

  /** Degrees Celsius, null for a placeholder; tolerates a " C" unit left in. */
  static Double celsius(String field, String column) throws MalformedRowException {
    return number(field, column, "C");
  }

  /** Megahertz, null for a placeholder; tolerates a " MHz" unit left in. */
  static Double megahertz(String field, String column) throws MalformedRowException {
    return number(field, column, "MHz");
  }

  /** The active throttle reasons of NVML's bitmask ({@code 0x…}); none for a placeholder. */
  static List<String> throttleReasons(String field, String column) throws MalformedRowException {
    if (isPlaceholder(field)) {
      return List.of();
    }
    try {
      return ThrottleReasons.parse(field);
    } catch (NumberFormatException e) {
      throw new MalformedRowException(column + " '" + field + "' is not a bitmask");
    }
  }

  private static Double number(String field, String column, String unit)
      throws MalformedRowException {
    if (isPlaceholder(field)) {
      return null;
    }
    String digits = field;
    if (digits.toUpperCase(Locale.ROOT).endsWith(unit.toUpperCase(Locale.ROOT))) {
      digits = digits.substring(0, digits.length() - unit.length()).trim();
    }
    double value;
    try {
      value = Double.parseDouble(digits);
    } catch (NumberFormatException e) {
      throw new MalformedRowException(column + " '" + field + "' is not a number");
    }
    if (Double.isNaN(value) || Double.isInfinite(value) || value < 0) {
      throw new MalformedRowException(column + " '" + field + "' is not a measurement");
    }
    return value;
  }
}
