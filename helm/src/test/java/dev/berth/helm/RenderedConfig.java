package dev.berth.helm;

import dev.berth.core.config.BerthConfig;
import dev.berth.core.config.ConfigLoader;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The berth.yaml the chart puts into its ConfigMap, loaded exactly as {@code berth serve --config}
 * loads it: the real {@link ConfigLoader}, over the built-in defaults, with the environment the
 * pod gives Berth.
 */
final class RenderedConfig {
  static final String CONFIG_MAP = "berth-config";

  private RenderedConfig() {}

  static String yaml(Manifests manifests) {
    return yaml(manifests, CONFIG_MAP);
  }

  static String yaml(Manifests manifests, String configMap) {
    ConfigMap map = manifests.get(ConfigMap.class, configMap);
    String yaml = map.getData().get("berth.yaml");
    if (yaml == null) {
      throw new AssertionError("ConfigMap " + configMap + " has no berth.yaml");
    }
    return yaml;
  }

  /** Loads it with no BERTH_* variables set. */
  static BerthConfig load(Manifests manifests, Path scratch) {
    return load(manifests, scratch, Map.of());
  }

  static BerthConfig load(Manifests manifests, Path scratch, Map<String, String> env) {
    try {
      Path file = Files.createTempFile(scratch, "berth", ".yaml");
      Files.writeString(file, yaml(manifests));
      return new ConfigLoader().load(file, env, Map.of());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
