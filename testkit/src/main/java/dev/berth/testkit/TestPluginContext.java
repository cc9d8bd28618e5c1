package dev.berth.testkit;

import dev.berth.api.HasSettings;
import dev.berth.api.PluginConfig;
import dev.berth.api.PluginContext;
import dev.berth.api.Settings;
import dev.berth.api.SettingsSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import dev.berth.api.UserDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link PluginContext} built by hand for tests: config map, settable settings, a clock, a dir.
 *
 * <p><b>Settings behave as in the host</b> once the plugin's schema is known, through {@link
 * #declare(SettingsSchema)} or {@link #declareFrom(Object)} (the contract suites call the latter on
 * the extension under test): {@link #settings()} has every declared key with its default filled in,
 * and {@link #withSettings} validates and normalises values with the same code as {@code PUT
 * /api/v1/settings/<section>} ({@link SettingsSchema#validate}), refusing the whole change when a
 * value is bad. Before a schema is declared, {@code withSettings} stores the values as given, which
 * lets a test hand a plugin a value the host would never store.
 */
public final class TestPluginContext implements PluginContext {
  private final String pluginId;
  private final PluginConfig config;
  private final Clock clock;
  private final Path dataDir;
  private final AtomicReference<Settings> settings;
  private final AtomicReference<SettingsSchema> schema = new AtomicReference<>();
  private volatile UserDirectory users = UserDirectory.NONE;

  public TestPluginContext(String pluginId, Map<String, Object> config, Clock clock, Path dataDir) {
    this.pluginId = pluginId;
    this.config = new PluginConfig(pluginId, config);
    this.clock = clock;
    this.dataDir = dataDir;
    this.settings = new AtomicReference<>(new Settings(pluginId, 0, Map.of()));
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Makes the context know the plugin's settings, as the host does when the extension loads: the
   * section must be the plugin id (else {@link IllegalArgumentException}, as the host refuses
   * such an extension), and from now on {@link #settings()} fills in defaults.
   */
  public TestPluginContext declare(SettingsSchema declared) {
    String problem = declared.ownerProblem(pluginId);
    if (problem != null) {
      throw new IllegalArgumentException("plugin " + pluginId + " " + problem);
    }
    schema.set(declared);
    Settings old = settings.get();
    settings.set(new Settings(pluginId, old.version(), declared.withDefaults(old.values())));
    return this;
  }

  /** {@link #declare} the schema of {@code extension} when it implements {@link HasSettings}. */
  public TestPluginContext declareFrom(Object extension) {
    if (extension instanceof HasSettings h) {
      declare(h.settingsSchema());
    }
    return this;
  }

  /**
   * Changes the settings the plugin sees, as an admin saving the section would: with a declared
   * schema, the given keys are validated and merged into the current values (keys not given keep
   * theirs), and a bad value refuses the whole change with the host's messages; without one, the
   * values replace the section as given.
   *
   * @throws IllegalArgumentException naming each bad key, such as {@code "settings thresholds
   *     refused: gpuUtilizationMaxPercent must be between 0 and 100, was 140"}
   */
  public TestPluginContext withSettings(Map<String, ?> values) {
    SettingsSchema declared = schema.get();
    Settings old = settings.get();
    if (declared == null) {
      Map<String, String> raw = new LinkedHashMap<>();
      values.forEach((k, v) -> raw.put(k, String.valueOf(v)));
      settings.set(new Settings(pluginId, old.version() + 1, raw));
      return this;
    }
    SettingsSchema.Check check = declared.validate(values);
    if (!check.ok()) {
      List<String> parts = new ArrayList<>();
      check.errors().forEach((key, message) -> parts.add(key + " " + message));
      throw new IllegalArgumentException(
          "settings " + declared.section() + " refused: " + String.join("; ", parts));
    }
    Map<String, String> merged = new LinkedHashMap<>(old.values());
    merged.putAll(check.values());
    settings.set(new Settings(pluginId, old.version() + 1, declared.withDefaults(merged)));
    return this;
  }

  /** The users' notification choices and log tails the plugin reads from now on. */
  public TestPluginContext withUsers(UserDirectory directory) {
    this.users = directory;
    return this;
  }

  @Override
  public UserDirectory users() {
    return users;
  }

  @Override
  public String pluginId() {
    return pluginId;
  }

  @Override
  public PluginConfig config() {
    return config;
  }

  @Override
  public Settings settings() {
    return settings.get();
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public Path dataDir() {
    return dataDir;
  }

  @Override
  public Logger logger() {
    return LoggerFactory.getLogger("berth.plugin." + pluginId);
  }
}
