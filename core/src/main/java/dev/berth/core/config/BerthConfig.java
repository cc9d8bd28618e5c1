package dev.berth.core.config;

import dev.berth.api.PluginConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole configuration after defaults, file, environment and flags were merged. {@link #tree()}
 * keeps the merged YAML so that each plugin can read its own section.
 */
public record BerthConfig(
    String host,
    int port,
    Path dataDir,
    Path pluginsDir,
    Extensions extensions,
    String defaultTemplate,
    long maxBodyBytes,
    Duration reconcileInterval,
    Duration leaseTtl,
    Map<String, Object> tree) {

  /** Where {@link #timeLimitSlack()} is configured. */
  public static final String TIME_LIMIT_SLACK_KEY = "reconciler.timeLimitSlackSeconds";

  /**
   * How long past its time limit a RUNNING job may be before the reconciler stops it itself: the
   * executor's own enforcement comes first. Checked by the loader.
   */
  public Duration timeLimitSlack() {
    Object node = tree;
    for (String part : TIME_LIMIT_SLACK_KEY.split("\\.")) {
      node = node instanceof Map<?, ?> m ? m.get(part) : null;
    }
    return Duration.ofSeconds(node == null ? 60 : Long.parseLong(node.toString().trim()));
  }

  /** The top-level sections under which a plugin's own section may sit, keyed by its plugin id. */
  public static final List<String> PLUGIN_SECTION_PARENTS =
      List.of("store", "executor", "probe", "policy", "order", "listener", "notify", "plugins");

  /**
   * The plugin's section: {@code <point>.<pluginId>} for each point in {@link
   * #PLUGIN_SECTION_PARENTS}, merged (a plugin providing two points sees both).
   */
  public PluginConfig pluginSection(String pluginId) {
    Map<String, Object> merged = new LinkedHashMap<>();
    String path = "plugins." + pluginId;
    for (String parent : PLUGIN_SECTION_PARENTS) {
      if (tree.get(parent) instanceof Map<?, ?> section && section.get(pluginId) instanceof Map<?, ?> own) {
        own.forEach((k, v) -> merged.put(String.valueOf(k), v));
        path = parent + "." + pluginId;
      }
    }
    return new PluginConfig(path, merged);
  }
}
