package dev.berth.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A settings section: its name, a title for the admin page, and its settings in display order.
 *
 * <p><b>Naming rule.</b> A plugin's section is named exactly its plugin id (the {@code
 * thresholds} plugin declares the section {@code thresholds}), whichever extension point declares
 * it; the host refuses an extension that declares another name (see {@link #ownerProblem}). A plugin
 * with two extensions that both implement {@link HasSettings} declares the same schema from both.
 *
 * <p>The pure methods here are the one implementation of defaults and validation: the host's
 * settings API and the testkit's {@code TestPluginContext} both use them.
 */
public record SettingsSchema(String section, String title, List<SettingDescriptor> settings) {
  public SettingsSchema {
    settings = List.copyOf(settings);
  }

  /**
   * The outcome of checking submitted values.
   *
   * @param values the normalised values to store, for the valid keys given, in the order given
   * @param errors a message per bad key, such as {@code "must be between 0 and 100, was 140"}; the
   *     whole submission is refused when any is present
   */
  public record Check(Map<String, String> values, Map<String, String> errors) {
    public Check {
      values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
      errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
    }

    public boolean ok() {
      return errors.isEmpty();
    }
  }

  /** Checks each given key against its descriptor; an undeclared key is an error naming the known ones. */
  public Check validate(Map<String, ?> input) {
    Map<String, SettingDescriptor> byKey = new LinkedHashMap<>();
    settings.forEach(d -> byKey.put(d.key(), d));
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, String> errors = new LinkedHashMap<>();
    input.forEach(
        (key, value) -> {
          SettingDescriptor d = byKey.get(key);
          if (d == null) {
            errors.put(key, "unknown setting; known: " + String.join(", ", byKey.keySet()));
            return;
          }
          try {
            values.put(key, d.normalise(value));
          } catch (IllegalArgumentException e) {
            errors.put(key, e.getMessage());
          }
        });
    return new Check(values, errors);
  }

  /**
   * The values in force: every declared key in declaration order, the stored value where there is
   * one and the default elsewhere. Stored keys the schema no longer declares are left out.
   */
  public Map<String, String> withDefaults(Map<String, String> stored) {
    Map<String, String> values = new LinkedHashMap<>();
    for (SettingDescriptor d : settings) {
      String v = stored.get(d.key());
      values.put(d.key(), v != null ? v : d.defaultValue());
    }
    return Collections.unmodifiableMap(values);
  }

  /**
   * Why a plugin may not declare this section, or null when it may: the section must be the
   * plugin's id.
   */
  public String ownerProblem(String pluginId) {
    if (section.equals(pluginId)) {
      return null;
    }
    return "declares the settings section '" + section + "', but a plugin's settings section must be its"
        + " plugin id '" + pluginId + "'";
  }
}
