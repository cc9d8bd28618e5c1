package dev.berth.sim;

import dev.berth.api.AvailabilityPolicy;
import dev.berth.api.QueueOrder;
import dev.berth.api.Settings;
import dev.berth.core.config.BerthConfig;
import dev.berth.core.config.ConfigException;
import dev.berth.core.config.ConfigLoader;
import dev.berth.core.host.PluginHost;
import dev.berth.core.host.Provided;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One configuration file read as the server reads it, and the order and policy plugins it names,
 * loaded through Berth's plugin host from the plugins directory (the installed layout's by
 * default). Plugin data goes to a scratch folder removed on close.
 */
public final class ConfiguredPlugins implements AutoCloseable {
  public final SimSettings settings;
  public final QueueOrder order;
  public final List<Provided<AvailabilityPolicy>> policies;
  private final PluginHost host;
  private final Path scratch;

  private ConfiguredPlugins(SimSettings settings, QueueOrder order, List<Provided<AvailabilityPolicy>> policies,
      PluginHost host, Path scratch) {
    this.settings = settings;
    this.order = order;
    this.policies = policies;
    this.host = host;
    this.scratch = scratch;
  }

  /** {@code file} null: the server's defaults; {@code clock}: the one the plugins read (the simulation's). */
  public static ConfiguredPlugins open(Path file, Path pluginsDir, Clock clock) {
    if (file != null && !Files.isRegularFile(file)) {
      throw new BadInputException("no config file " + file);
    }
    if (pluginsDir == null || !Files.isDirectory(pluginsDir)) {
      throw new BadInputException("no plugins directory " + pluginsDir + " (run from an installed Berth, or pass "
          + "--plugins-dir)");
    }
    String name = file == null ? "default" : file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
    Path scratch;
    try {
      scratch = Files.createTempDirectory("berth-sim");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    PluginHost host = null;
    try {
      BerthConfig config = new ConfigLoader().load(file, Map.of(),
          Map.of("dataDir", scratch.toString(), "pluginsDir", pluginsDir.toString()));
      Map<String, Map<String, Object>> sections = new LinkedHashMap<>();
      for (String s : SimSettings.SECTIONS) {
        if (config.tree().get(s) instanceof Map<?, ?> m) {
          Map<String, Object> values = new LinkedHashMap<>();
          m.forEach((k, v) -> values.put(String.valueOf(k), v));
          sections.put(s, values);
        } else if (config.tree().get(s) != null) {
          throw new BadInputException(name + ": " + s + " must be a map of settings");
        }
      }
      host = new PluginHost(config, clock, section -> new Settings(section, 0, Map.of()));
      host.loadAll();
      QueueOrder order = host.extension(QueueOrder.class, config.extensions().order());
      List<Provided<AvailabilityPolicy>> policies = new ArrayList<>();
      for (String id : config.extensions().policies()) {
        policies.add(new Provided<>(id, host.extension(AvailabilityPolicy.class, id)));
      }
      SimSettings settings = new SimSettings(name, config.extensions().order(), config.extensions().policies(),
          sections);
      return new ConfiguredPlugins(settings, order, policies, host, scratch);
    } catch (ConfigException e) {
      close(host, scratch);
      throw new BadInputException(name + ": " + e.getMessage());
    } catch (RuntimeException e) {
      close(host, scratch);
      throw e;
    }
  }

  @Override
  public void close() {
    close(host, scratch);
  }

  private static void close(PluginHost host, Path scratch) {
    if (host != null) {
      host.close();
    }
    try (Stream<Path> all = Files.walk(scratch)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a scratch folder left in the temp directory is harmless
    }
  }
}
