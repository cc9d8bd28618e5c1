package dev.berth.bench.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Where the benchmark finds what it runs: {@code home} is the harness module's {@code target}
 * folder, holding {@code berth/lib} (the launcher and its libraries, as dist ships them), {@code
 * berth/plugins} (the bundled plugin jars), {@code bench-plugins} (the bench plugin) and {@code
 * classes} (the harness itself, for the bare Javalin baseline).
 */
public record BenchLayout(Path home) {

  /** The layout named by the system property {@code bench.home}. */
  public static BenchLayout fromSystemProperty() {
    String home = System.getProperty("bench.home");
    if (home == null || home.isBlank()) {
      throw new IllegalStateException("system property bench.home is not set (bench/run sets it to bench/harness/target)");
    }
    BenchLayout layout = new BenchLayout(Path.of(home).toAbsolutePath());
    layout.check();
    return layout;
  }

  /** The Berth home: {@code lib/} and {@code plugins/}, as {@code -Dberth.home}. */
  public Path berthHome() {
    return home.resolve("berth");
  }

  public Path lib() {
    return berthHome().resolve("lib");
  }

  public Path bundledPlugins() {
    return berthHome().resolve("plugins");
  }

  /** The bench plugin's jar. */
  public Path benchPlugin() {
    try (Stream<Path> jars = Files.list(home.resolve("bench-plugins"))) {
      return jars.filter(p -> p.getFileName().toString().endsWith(".jar")).findFirst()
          .orElseThrow(() -> new IllegalStateException("no bench plugin jar in " + home.resolve("bench-plugins")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The class path of the launcher: every jar in {@code lib/}. */
  public String launcherClassPath() {
    return lib() + "/*";
  }

  /** The launcher's class path plus the harness's own classes. */
  public String harnessClassPath() {
    return launcherClassPath() + java.io.File.pathSeparator + home.resolve("classes");
  }

  private void check() {
    for (Path p : new Path[] {lib(), bundledPlugins(), home.resolve("bench-plugins"), home.resolve("classes")}) {
      if (!Files.isDirectory(p)) {
        throw new IllegalStateException(p + " is missing: build the bench first (mvn -f bench/pom.xml package)");
      }
    }
  }
}
