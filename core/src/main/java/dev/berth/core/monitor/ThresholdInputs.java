package dev.berth.core.monitor;

import dev.berth.api.SettingDescriptor;
import dev.berth.api.SettingType;
import dev.berth.api.SettingsSchema;
import dev.berth.core.config.ConfigException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Threshold values a monitor was given from outside: named flags, {@code
 * BERTH_MONITOR_THRESHOLDS_*} variables and the file's {@code monitor.thresholds} section. They
 * can only be checked once the policy is loaded and its settings are known, by {@link
 * #resolve(SettingsSchema)}. Precedence: flag, then variable, then file.
 *
 * @param flags setting key to value, from command-line flags
 * @param env the {@code BERTH_MONITOR_THRESHOLDS_*} variables, by variable name
 * @param file setting key to value, from {@code monitor.thresholds} in the config file
 */
public record ThresholdInputs(Map<String, Flagged> flags, Map<String, String> env, Map<String, String> file) {

  /** The prefix of the threshold variables; the rest is the setting key in upper snake case. */
  public static final String ENV_PREFIX = "BERTH_MONITOR_THRESHOLDS_";

  /** A flag's value and the flag's name, so that an error can name what the user typed. */
  public record Flagged(String value, String flag) {}

  public ThresholdInputs {
    flags = Map.copyOf(flags);
    env = Map.copyOf(env);
    file = Map.copyOf(file);
  }

  public static ThresholdInputs none() {
    return new ThresholdInputs(Map.of(), Map.of(), Map.of());
  }

  /** Keeps only the {@link #ENV_PREFIX} variables of a whole environment. */
  public static Map<String, String> thresholdVariables(Map<String, String> environment) {
    Map<String, String> out = new LinkedHashMap<>();
    environment.forEach((name, value) -> {
      if (name.startsWith(ENV_PREFIX)) {
        out.put(name, value);
      }
    });
    return out;
  }

  /** The variable for a setting key, by the same rule as every {@code BERTH_*} variable. */
  public static String variableFor(String key) {
    return ENV_PREFIX
        + key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("[^A-Za-z0-9]+", "_").toUpperCase(Locale.ROOT);
  }

  public boolean isEmpty() {
    return flags.isEmpty() && env.isEmpty() && file.isEmpty();
  }

  /**
   * The values that override the policy's settings, by key, normalised as the server stores them.
   *
   * @throws ConfigException naming every unknown key and every value out of type or range, by the
   *     flag, variable or file key it came from
   */
  public Map<String, String> resolve(SettingsSchema schema) {
    Map<String, SettingDescriptor> byKey = new LinkedHashMap<>();
    Map<String, String> byVariable = new LinkedHashMap<>();
    if (schema != null) {
      schema.settings().forEach(d -> {
        byKey.put(d.key(), d);
        byVariable.put(variableFor(d.key()), d.key());
      });
    }
    String section = schema == null ? "thresholds" : schema.section();
    List<String> problems = new ArrayList<>();
    Map<String, String> out = new LinkedHashMap<>();
    file.forEach((key, value) -> accept(byKey, key, value, "monitor.thresholds." + key, out, problems, section));
    env.forEach((variable, value) -> {
      String key = byVariable.get(variable);
      if (key == null) {
        problems.add(variable + ": no such threshold; known: " + String.join(", ", byVariable.keySet()));
      } else {
        accept(byKey, key, value, variable, out, problems, section);
      }
    });
    flags.forEach((key, flagged) -> accept(byKey, key, flagged.value(), flagged.flag(), out, problems, section));
    if (!problems.isEmpty()) {
      throw new ConfigException(String.join("; ", problems));
    }
    return out;
  }

  private static void accept(
      Map<String, SettingDescriptor> byKey, String key, String value, String origin,
      Map<String, String> out, List<String> problems, String section) {
    SettingDescriptor d = byKey.get(key);
    if (d == null) {
      problems.add(origin + ": the policy has no setting '" + key + "' in section " + section
          + (byKey.isEmpty() ? "" : "; known: " + String.join(", ", byKey.keySet())));
      return;
    }
    try {
      out.put(key, normalise(d, value));
    } catch (IllegalArgumentException e) {
      problems.add(origin + " " + e.getMessage());
    }
  }

  /** Checks a value against its descriptor's type and range, as the server's settings API does. */
  static String normalise(SettingDescriptor d, String raw) {
    String text = raw == null ? "" : raw.trim();
    if (d.type() == SettingType.INTEGER || d.type() == SettingType.DECIMAL) {
      BigDecimal number;
      try {
        number = new BigDecimal(text);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("must be a number, was '" + text + "'");
      }
      if (d.type() == SettingType.INTEGER && number.stripTrailingZeros().scale() > 0) {
        throw new IllegalArgumentException("must be a whole number, was '" + text + "'");
      }
      double value = number.doubleValue();
      if ((d.min() != null && value < d.min()) || (d.max() != null && value > d.max())) {
        throw new IllegalArgumentException(
            "must be between " + plain(d.min()) + " and " + plain(d.max()) + ", was " + text);
      }
      return d.type() == SettingType.INTEGER ? number.toBigInteger().toString() : Double.toString(value);
    }
    if (d.type() == SettingType.BOOLEAN && !text.equals("true") && !text.equals("false")) {
      throw new IllegalArgumentException("must be true or false, was '" + text + "'");
    }
    return text;
  }

  private static String plain(Double bound) {
    if (bound == null) {
      return "∞";
    }
    return bound == Math.rint(bound) ? Long.toString(bound.longValue()) : bound.toString();
  }
}
