package dev.berth.dist;

import java.nio.file.Files;
import java.nio.file.Path;

/** The assembled distribution the build made before the tests ran (see dist/pom.xml). */
final class Layout {
  private Layout() {}

  static Path home() {
    Path home = Path.of(System.getProperty("berth.layout", "target/berth"));
    if (!Files.isDirectory(home.resolve("plugins")) || !Files.isDirectory(home.resolve("lib"))) {
      throw new IllegalStateException("distribution layout missing at " + home + "; run `mvn verify` from the top");
    }
    return home;
  }

  static Path bundledPlugins() {
    return home().resolve("plugins");
  }
}
