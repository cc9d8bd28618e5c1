package dev.berth.core.monitor;

import dev.berth.api.SettingsSchema;
import java.time.Clock;
import java.util.Map;

/** Picks where a monitor's thresholds come from: the server given with {@code --server}, or local values. */
public final class ThresholdSources {
  private ThresholdSources() {}

  /**
   * @param schema the policy's settings, or null when it declares none
   * @throws dev.berth.core.config.ConfigException when a flag, variable or file key is unknown or out
   *     of range
   */
  public static ThresholdSource create(SettingsSchema schema, MonitorOptions options, Clock clock) {
    Map<String, String> overrides = options.thresholds().resolve(schema);
    if (options.server() == null) {
      return new LocalThresholds(schema, overrides);
    }
    // The server's API needs credentials: an API token from the environment (docs/monitoring.md).
    return new ServerThresholds(schema, overrides, options.server(), options.serverTimeout(), clock,
        System.getenv("BERTH_TOKEN"));
  }
}
