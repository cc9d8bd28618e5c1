package dev.berth.executor.argo;

import dev.berth.api.SettingDescriptor;
import dev.berth.api.Settings;
import dev.berth.api.SettingsSchema;
import java.time.Duration;
import java.util.List;

/**
 * The admin-editable settings section {@code argo}. The host names a plugin's section after the
 * plugin id, so the key shows up as {@code argo.pendingTimeoutMinutes} (the issue's {@code
 * scheduler.argo.pendingTimeoutMinutes}).
 */
final class ArgoSettings {
  static final String SECTION = "argo";
  static final String TITLE = "Argo workflows";

  static final SettingDescriptor PENDING_TIMEOUT_MINUTES =
      SettingDescriptor.integer(
          "pendingTimeoutMinutes",
          30,
          1,
          10_080,
          "A job whose workflow or pod waits this long without starting (no free GPU, a controller"
              + " that never picks it up) fails with the reason, in minutes.");

  static final SettingsSchema SCHEMA = new SettingsSchema(SECTION, TITLE, List.of(PENDING_TIMEOUT_MINUTES));

  private ArgoSettings() {}

  /** The pending timeout in force; the default while the host has not filled the section in. */
  static Duration pendingTimeout(Settings settings) {
    String value = settings.values().get(PENDING_TIMEOUT_MINUTES.key());
    long minutes = value == null ? Long.parseLong(PENDING_TIMEOUT_MINUTES.defaultValue()) : Long.parseLong(value);
    return Duration.ofMinutes(minutes);
  }
}
