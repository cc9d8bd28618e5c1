package dev.berth.executor.local;

import dev.berth.api.PluginConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code executor.local} config section, read once at start.
 *
 * @param workRoot where job working directories live; absolute and normalized
 * @param killGrace how long a cancelled job may take to stop after SIGTERM before SIGKILL
 * @param templates by name, in config order
 */
record LocalExecutorConfig(
    Path workRoot, Duration killGrace, Map<String, CommandTemplate> templates) {

  LocalExecutorConfig {
    templates = Collections.unmodifiableMap(new LinkedHashMap<>(templates));
  }

  /**
   * Reads {@code workRoot} (default {@code <dataDir>/work}; a relative one is taken from the data
   * dir), {@code killGraceSeconds} (default 10) and {@code templates} (default: the demo template).
   *
   * @throws IllegalArgumentException naming the config key that is wrong
   */
  static LocalExecutorConfig from(PluginConfig config, Path dataDir) {
    Path workRoot =
        dataDir.toAbsolutePath().resolve(config.getString("workRoot", "work")).normalize();
    long graceSeconds = config.getLong("killGraceSeconds", 10);
    if (graceSeconds < 0) {
      throw new IllegalArgumentException(
          "config "
              + config.path()
              + ".killGraceSeconds must not be negative, was "
              + graceSeconds);
    }
    PluginConfig section = config.section("templates");
    Map<String, CommandTemplate> templates = new LinkedHashMap<>();
    for (String name : section.values().keySet()) {
      templates.put(name, CommandTemplate.fromConfig(name, section.section(name)));
    }
    if (templates.isEmpty()) {
      CommandTemplate demo = CommandTemplate.demo();
      templates.put(demo.name(), demo);
    }
    return new LocalExecutorConfig(workRoot, Duration.ofSeconds(graceSeconds), templates);
  }
}
