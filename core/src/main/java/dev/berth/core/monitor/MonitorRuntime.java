package dev.berth.core.monitor;

import dev.berth.api.AvailabilityPolicy;
import dev.berth.api.HasSettings;
import dev.berth.api.ResourceProbe;
import dev.berth.api.Settings;
import dev.berth.api.SettingsSchema;
import dev.berth.core.config.BerthConfig;
import dev.berth.core.config.DataDirectory;
import dev.berth.core.host.BundledPlugins;
import dev.berth.core.host.PluginHost;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What {@code berth monitor} runs: the same plugins as {@code berth serve}, from the same config
 * file, but only the probe ({@code nvidia-smi} unless told otherwise, with its {@code
 * probe.nvidia-smi} section) and the policy ({@code thresholds}); no store, no scheduler. The
 * policy's settings come from the {@link ThresholdSource} instead of a store.
 */
public final class MonitorRuntime implements AutoCloseable {
  private final PluginHost host;
  private final NodeMonitor monitor;

  private MonitorRuntime(PluginHost host, NodeMonitor monitor) {
    this.host = host;
    this.monitor = monitor;
  }

  /**
   * Loads the plugins and starts the monitor.
   *
   * @param bundledPlugins the distribution's plugin jars, copied into the plugins directory first;
   *     null for none
   * @throws dev.berth.core.config.ConfigException when the probe or the policy is not installed, or
   *     a threshold value is bad
   */
  public static MonitorRuntime start(BerthConfig config, MonitorOptions options, Clock clock, Path bundledPlugins) {
    DataDirectory.prepare(config.dataDir());
    BundledPlugins.seed(bundledPlugins, config.pluginsDir());
    AtomicReference<ThresholdSource> thresholds = new AtomicReference<>();
    PluginHost host = new PluginHost(config, clock, section -> settingsOf(section, options, thresholds.get()));
    try {
      host.loadAll();
      ResourceProbe probe = host.extension(ResourceProbe.class, options.probeId());
      AvailabilityPolicy policy = host.extension(AvailabilityPolicy.class, options.policyId());
      SettingsSchema schema = policy instanceof HasSettings h ? h.settingsSchema() : null;
      ThresholdSource source = ThresholdSources.create(schema, options, clock);
      thresholds.set(source);
      return new MonitorRuntime(host, NodeMonitor.start(probe, policy, source, options, clock));
    } catch (RuntimeException e) {
      host.close();
      throw e;
    }
  }

  /** The policy's plugin reads the threshold source; any other plugin has no settings here. */
  private static Settings settingsOf(String pluginId, MonitorOptions options, ThresholdSource thresholds) {
    if (thresholds != null && pluginId.equals(options.policyId())) {
      return thresholds.current();
    }
    return new Settings(pluginId, 0, Map.of());
  }

  public int port() {
    return monitor.port();
  }

  public NodeMonitor monitor() {
    return monitor;
  }

  @Override
  public void close() {
    monitor.close();
    host.close();
  }
}
