package dev.berth.core.cli;

import dev.berth.core.config.BerthConfig;
import dev.berth.core.config.ConfigLoader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options every subcommand that reads the configuration shares. */
final class ConfigOptions {
  @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file (see docs/configuration.md).")
  Path config;

  @Option(names = "--port", description = "HTTP port (default 8081; server.port).")
  Integer port;

  @Option(names = "--host", description = "Address to listen on (default 0.0.0.0; server.host).")
  String host;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the store, logs and plugin data live (default ./data).")
  Path dataDir;

  @Option(names = "--plugins-dir", paramLabel = "DIR", description = "Writable plugins directory (default <data-dir>/plugins).")
  Path pluginsDir;

  BerthConfig load() {
    Map<String, Object> overrides = new LinkedHashMap<>();
    if (port != null) {
      overrides.put("server.port", port);
    }
    if (host != null) {
      overrides.put("server.host", host);
    }
    if (dataDir != null) {
      overrides.put("dataDir", dataDir.toString());
    }
    if (pluginsDir != null) {
      overrides.put("pluginsDir", pluginsDir.toString());
    }
    return new ConfigLoader().load(config, System.getenv(), overrides);
  }
}
