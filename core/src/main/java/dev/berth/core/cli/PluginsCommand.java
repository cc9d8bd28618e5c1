package dev.berth.core.cli;

import dev.berth.api.Settings;
import dev.berth.core.config.BerthConfig;
import dev.berth.core.config.ConfigException;
import dev.berth.core.host.BundledPlugins;
import dev.berth.core.host.PluginHost;
import dev.berth.core.host.PluginInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code berth plugins}: what {@code serve} would load and start, without starting Berth and
 * without writing to the plugins directory. The jars {@code serve} would see (those in the plugins
 * directory, plus the bundled ones it would install first) are linked into a scratch directory and
 * loaded from there; then every configured extension is built, as {@code serve} builds them, and a
 * plugin whose extension fails is FAILED with the reason.
 */
@Command(name = "plugins", mixinStandardHelpOptions = true,
    description = "Show the plugins serve would load, what they provide, and why any configured extension would fail.")
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
    Path pluginsDir = config.pluginsDir().toAbsolutePath().normalize();
    Map<String, Path> files = new TreeMap<>(BundledPlugins.preview(Launcher.bundledPlugins(), pluginsDir));
    // pf4j reads which plugins are switched off from these, beside the jars.
    for (String list : List.of("disabled.txt", "enabled.txt")) {
      if (Files.isRegularFile(pluginsDir.resolve(list))) {
        files.put(list, pluginsDir.resolve(list));
      }
    }
    Path view = scratchView(files);
    try {
      BerthConfig viewed = new BerthConfig(config.host(), config.port(), config.dataDir(), view, config.extensions(),
          config.defaultTemplate(), config.maxBodyBytes(), config.reconcileInterval(), config.leaseTtl(), config.tree());
      try (PluginHost host = new PluginHost(viewed, Clock.systemUTC(), section -> new Settings(section, 0, Map.of()))) {
        host.loadAll();
        List<String> problems = host.check();
        print(pluginsDir, host.plugins(), config, problems);
        return problems.isEmpty() ? 0 : 1;
      }
    } finally {
      deleteQuietly(view);
    }
  }

  private static void print(Path pluginsDir, List<PluginInfo> plugins, BerthConfig config, List<String> problems) {
    System.out.println("Plugins in " + pluginsDir + " (with the bundled ones serve would install):");
    System.out.printf("%-14s %-16s %-9s %s%n", "ID", "VERSION", "STATE", "EXTENSIONS");
    for (PluginInfo p : plugins) {
      String ext = p.extensions().stream().map(PluginInfo.ExtensionInfo::point).distinct().collect(Collectors.joining(", "));
      System.out.printf("%-14s %-16s %-9s %s%s%n", p.id(), p.version() == null ? "-" : p.version(), p.state(), ext,
          p.error() == null ? "" : "  error: " + p.error());
    }
    var e = config.extensions();
    System.out.printf("Selected: store=%s executor=%s probe=%s policies=%s order=%s listeners=%s%n",
        e.store(), e.executor(), e.probe(), e.policies(), e.order(), e.listeners());
    if (problems.isEmpty()) {
      System.out.println("serve would start every selected extension.");
    } else {
      System.out.println("serve would fail:");
      problems.forEach(p -> System.out.println("  " + p));
    }
  }

  /** A scratch directory holding a link to each file, named as in the plugins directory. */
  private static Path scratchView(Map<String, Path> jars) {
    try {
      Path dir = Files.createTempDirectory("berth-plugins-");
      for (var jar : jars.entrySet()) {
        Files.createSymbolicLink(dir.resolve(jar.getKey()), jar.getValue().toAbsolutePath());
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare a scratch view of the plugins: " + e.getMessage(), e);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // A leftover scratch directory in the temp dir is harmless.
    }
  }
}
