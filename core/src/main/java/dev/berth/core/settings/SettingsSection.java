package dev.berth.core.settings;

import dev.berth.api.Settings;
import dev.berth.api.SettingsSchema;

/** A section's schema and the values in force, for the API and the admin page. */
public record SettingsSection(SettingsSchema schema, Settings current) {}
