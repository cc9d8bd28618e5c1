package dev.berth.api;

import java.util.List;

/**
 * A settings section: its name (by convention the plugin id, such as {@code thresholds}), a title
 * for the admin page, and its settings in display order.
 */
public record SettingsSchema(String section, String title, List<SettingDescriptor> settings) {
  public SettingsSchema {
    settings = List.copyOf(settings);
  }
}
