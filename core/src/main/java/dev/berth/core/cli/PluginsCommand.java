package dev.berth.core.cli;

import dev.berth.core.config.BerthConfig;
import dev.berth.core.config.ConfigException;
import dev.berth.core.host.BundledPlugins;
import dev.berth.core.host.PluginHost;
import dev.berth.core.host.PluginInfo;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code berth plugins}: lists the plugins that would load, without starting Berth. */
@Command(name = "plugins", mixinStandardHelpOptions = true, description = "List the plugins in the plugins directory and what they provide.")
final class PluginsCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;

  @Override
  public Integer call() {
    BerthConfig config;
    try {
      config = options.load();
    } catch (ConfigException e) {
      System.err.println("berth: " + e.getMessage());
      return 2;
    }
    BundledPlugins.seed(Launcher.bundledPlugins(), config.pluginsDir());
    try (PluginHost host = new PluginHost(config, Clock.systemUTC(), section -> new dev.berth.api.Settings(section, 0, Map.of()))) {
      host.loadAll();
      System.out.println("Plugins in " + config.pluginsDir().toAbsolutePath().normalize() + ":");
      System.out.printf("%-14s %-16s %-9s %s%n", "ID", "VERSION", "STATE", "EXTENSIONS");
      for (PluginInfo p : host.plugins()) {
        String ext = p.extensions().stream().map(e -> e.point()).distinct().collect(Collectors.joining(", "));
        System.out.printf("%-14s %-16s %-9s %s%s%n", p.id(), p.version() == null ? "-" : p.version(), p.state(), ext,
            p.error() == null ? "" : "  error: " + p.error());
      }
      var e = config.extensions();
      System.out.printf("Selected: store=%s executor=%s probe=%s policies=%s order=%s listeners=%s%n",
          e.store(), e.executor(), e.probe(), e.policies(), e.order(), e.listeners());
    }
    return 0;
  }
}
