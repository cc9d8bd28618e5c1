package dev.berth.api;

/**
 * Implemented by an extension whose behaviour admins may change at run time without a restart. The
 * host reads the schema once when the extension loads; current values are then available through
 * {@link PluginContext#settings()}.
 */
public interface HasSettings {

  SettingsSchema settingsSchema();
}
