package dev.berth.testkit;

import dev.berth.api.PluginConfig;
import dev.berth.api.PluginContext;
import dev.berth.api.Settings;
import dev.berth.api.UserDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A {@link PluginContext} built by hand for tests: config map, settable settings, a clock, a dir. */
public final class TestPluginContext implements PluginContext {
  private final String pluginId;
  private final PluginConfig config;
  private final Clock clock;
  private final Path dataDir;
  private final AtomicReference<Settings> settings;
  private volatile UserDirectory users = UserDirectory.NONE;

  public TestPluginContext(String pluginId, Map<String, Object> config, Clock clock, Path dataDir) {
    this.pluginId = pluginId;
    this.config = new PluginConfig(pluginId, config);
    this.clock = clock;
    this.dataDir = dataDir;
    this.settings = new AtomicReference<>(new Settings(pluginId, 0, Map.of()));
    try {
      Files.createDirectories(dataDir);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Replaces the settings the plugin sees, as an admin saving the section would. */
  public TestPluginContext withSettings(Map<String, String> values) {
    Settings old = settings.get();
    settings.set(new Settings(pluginId, old.version() + 1, new LinkedHashMap<>(values)));
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
