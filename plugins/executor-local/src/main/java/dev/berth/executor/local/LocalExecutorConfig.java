package dev.berth.executor.local;

import dev.berth.api.PluginConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code executor.local} config section, read once at start.
 *
 * @param workRoot where job working directories live; absolute and normalized
 * @param killGrace how long a cancelled job may take to stop after SIGTERM before SIGKILL
 * @param templates by name, in config order
 * @param environment variables every job gets besides the allow-listed part of Berth's own
 * @param runAs the OS user jobs run as; empty to run them as Berth's user
 */
record LocalExecutorConfig(
    Path workRoot,
    Duration killGrace,
    Map<String, CommandTemplate> templates,
    Map<String, String> environment,
    Optional<String> runAs) {

  private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  LocalExecutorConfig {
    templates = Collections.unmodifiableMap(new LinkedHashMap<>(templates));
    environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
  }

  /**
   * Reads {@code workRoot} (default {@code <dataDir>/work}; a relative one is taken from the data
   * dir), {@code killGraceSeconds} (default 10), {@code templates} (default: the demo template),
   * {@code environment} (a map of variable names to values) and {@code runAs} (a user name).
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
    String runAs = config.getString("runAs", "").trim();
    return new LocalExecutorConfig(
        workRoot,
        Duration.ofSeconds(graceSeconds),
        templates,
        environment(config.section("environment")),
        runAs.isEmpty() ? Optional.empty() : Optional.of(runAs));
  }

  private static Map<String, String> environment(PluginConfig section) {
    Map<String, String> environment = new LinkedHashMap<>();
    section
        .values()
        .forEach(
            (name, value) -> {
              if (!VARIABLE_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(
                    "config "
                        + section.path()
                        + ": '"
                        + name
                        + "' is no variable name (letters, digits and '_', not starting with a"
                        + " digit)");
              }
              if (value instanceof Map<?, ?> || value instanceof java.util.List<?>) {
                throw new IllegalArgumentException(
                    "config " + section.path() + "." + name + " must be a single value, was " + value);
              }
              environment.put(name, value == null ? "" : value.toString());
            });
    return environment;
  }
}
