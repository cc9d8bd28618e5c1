package dev.berth.core.host;

/**
 * An extension with the id of the plugin that provides it, so that what it decides (or how it
 * fails) can be reported under the plugin's stable id rather than a class name.
 */
public record Provided<T>(String pluginId, T extension) {}
