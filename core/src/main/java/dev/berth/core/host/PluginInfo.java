package dev.berth.core.host;

import java.util.List;

/**
 * What the plugins API and page show of one plugin.
 *
 * @param state STARTED, FAILED, DISABLED, STOPPED, RESOLVED…; FAILED for a jar that did not load
 * @param error why it failed, or null
 */
public record PluginInfo(
    String id,
    String version,
    String provider,
    String description,
    String state,
    String error,
    String path,
    List<ExtensionInfo> extensions) {

  /** One extension a plugin provides, with the point it implements and whether it is in use. */
  public record ExtensionInfo(String point, String className, boolean active) {}
}
