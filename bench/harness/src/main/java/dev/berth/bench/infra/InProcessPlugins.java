package dev.berth.bench.infra;

import dev.berth.api.Settings;
import dev.berth.core.config.BerthConfig;
import dev.berth.core.config.ConfigLoader;
import dev.berth.core.host.BundledPlugins;
import dev.berth.core.host.PluginHost;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * Berth's own plugin host inside the harness, over a server folder and config, for the parts a
 * benchmark drives directly: a queue store to fill with a million jobs, or a probe to time. The
 * plugins are the same jars, loaded the same way as by {@code berth serve}.
 */
public final class InProcessPlugins implements AutoCloseable {
  private final PluginHost host;

  private InProcessPlugins(PluginHost host) {
    this.host = host;
  }

  /** Loads every plugin of {@code layout} (and any in {@code dir}'s plugins directory) with {@code config}. */
  public static InProcessPlugins open(BenchLayout layout, ServerDir dir, ServerConfig config) {
    Path file = config.write(dir.root().resolve("in-process.yaml"));
    BerthConfig berth = new ConfigLoader().load(file, Map.of(),
        Map.of("dataDir", dir.dataDir().toString(), "pluginsDir", dir.pluginsDir().toString()));
    BundledPlugins.seed(layout.bundledPlugins(), berth.pluginsDir());
    PluginHost host = new PluginHost(berth, Clock.systemUTC(), section -> new Settings(section, 0, Map.of()));
    try {
      host.loadAll();
    } catch (RuntimeException e) {
      host.close();
      throw e;
    }
    return new InProcessPlugins(host);
  }

  /** The one extension of {@code point} that plugin {@code pluginId} provides. */
  public <T> T extension(Class<T> point, String pluginId) {
    return host.extension(point, pluginId);
  }

  /** Closes every extension created (a store flushes and closes its file or pool) and the plugins. */
  @Override
  public void close() {
    host.close();
  }
}
