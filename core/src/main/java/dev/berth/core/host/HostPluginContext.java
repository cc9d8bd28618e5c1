package dev.berth.core.host;

import dev.berth.api.UserDirectory;
import java.util.function.Supplier;

import dev.berth.api.PluginConfig;
import dev.berth.api.PluginContext;
import dev.berth.api.Settings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The context the host hands to each extension of one plugin. */
record HostPluginContext(
    String pluginId,
    PluginConfig config,
    Function<String, Settings> settingsSource,
    Clock clock,
    Path dataDir,
    Supplier<UserDirectory> usersSource)
    implements PluginContext {

  @Override
  public UserDirectory users() {
    return usersSource.get();
  }

  @Override
  public Settings settings() {
    return settingsSource.apply(pluginId);
  }

  @Override
  public Logger logger() {
    return LoggerFactory.getLogger("berth.plugin." + pluginId);
  }
}
