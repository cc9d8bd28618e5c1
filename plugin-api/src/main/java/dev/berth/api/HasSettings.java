package dev.berth.api;

/**
 * Implemented by an extension whose behaviour admins may change at run time without a restart. The
 * host reads the schema once when the extension loads; current values are then available through
 * {@link PluginContext#settings()}, with defaults filled in.
 *
 * <p><b>Naming:</b> the schema's section must be the plugin id ({@link PluginContext#pluginId()});
 * the host refuses an extension that declares another, as it would otherwise read an empty
 * section. Several extensions of one plugin declare the same schema. Config sections follow the
 * same rule, see {@link PluginContext#config()}.
 *
 * <p><b>Threads and speed:</b> {@code settingsSchema()} is called once per extension, on the thread
 * that builds it; it should return a constant.
 */
public interface HasSettings {

  SettingsSchema settingsSchema();
}
