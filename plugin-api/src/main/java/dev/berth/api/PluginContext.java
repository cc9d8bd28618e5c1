package dev.berth.api;

import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;

/**
 * What the host gives each plugin. An extension receives it as its only constructor argument:
 *
 * <pre>{@code
 * @Extension
 * public final class MyProbe implements ResourceProbe {
 *   public MyProbe(PluginContext context) { ... }
 * }
 * }</pre>
 *
 * Everything a plugin needs from outside comes from here, so tests can build one by hand (see
 * {@code TestPluginContext} in {@code berth-testkit}).
 */
public interface PluginContext {

  /** The plugin's stable id, such as {@code sqlite} or {@code nvidia-smi}. */
  String pluginId();

  /**
   * The plugin's configuration, the same for every extension of the plugin: the maps under {@code
   * <point>.<pluginId>} of the config file for every point ({@code store}, {@code executor}, {@code
   * probe}, {@code policy}, {@code order}, {@code listener}) and under {@code plugins.<pluginId>},
   * merged (for example {@code probe.nvidia-smi}); empty when there is none. A plugin therefore
   * reads its config without knowing which point is asking; the host refuses a key set in two of
   * them.
   */
  PluginConfig config();

  /**
   * The current values of the plugin's settings section (see {@link HasSettings}), with defaults
   * filled in. Cheap: returns the host's cached copy, refreshed when an admin saves the section.
   */
  Settings settings();

  /** The clock to read time from; tests settle it by hand. */
  Clock clock();

  /** A writable directory for this plugin's files, {@code <dataDir>/<pluginId>}; it exists. */
  Path dataDir();

  Logger logger();

  /**
   * Users' notification choices and job log tails, for listener plugins. The host's directory is
   * ready by the time the first event is delivered (not yet in an extension's constructor).
   */
  default UserDirectory users() {
    return UserDirectory.NONE;
  }
}
