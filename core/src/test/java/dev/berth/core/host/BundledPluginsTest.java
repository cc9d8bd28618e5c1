package dev.berth.core.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seeding the writable plugins directory from the distribution's bundled jars, across upgrades. */
class BundledPluginsTest {
  @TempDir Path tmp;
  private Path bundled;
  private Path plugins;

  @BeforeEach
  void dirs() throws IOException {
    bundled = Files.createDirectories(tmp.resolve("dist/plugins"));
    plugins = tmp.resolve("data/plugins");
  }

  private void ship(String name, String content, long mtimeSeconds) throws IOException {
    Path jar = bundled.resolve(name);
    Files.writeString(jar, content);
    Files.setLastModifiedTime(jar, FileTime.from(Instant.ofEpochSecond(mtimeSeconds)));
  }

  @Test
  void aMissingJarIsCopiedAndAnUnchangedOneIsLeftAsItIs() throws IOException {
    ship("sqlite.jar", "v1", 1000);

    BundledPlugins.seed(bundled, plugins);
    FileTime copied = Files.getLastModifiedTime(plugins.resolve("sqlite.jar"));
    BundledPlugins.seed(bundled, plugins);

    assertThat(plugins.resolve("sqlite.jar")).hasContent("v1");
    assertThat(Files.getLastModifiedTime(plugins.resolve("sqlite.jar"))).isEqualTo(copied);
  }

  @Test
  void anUpgradeReplacesTheCopyBerthPutThere() throws IOException {
    ship("sqlite.jar", "v1", 1000);
    BundledPlugins.seed(bundled, plugins);

    ship("sqlite.jar", "v2", 2000);
    BundledPlugins.seed(bundled, plugins);

    assertThat(plugins.resolve("sqlite.jar")).hasContent("v2");
  }

  @Test
  void anAdminsOwnBuildIsNeverOverwritten() throws IOException {
    ship("sqlite.jar", "v1", 1000);
    BundledPlugins.seed(bundled, plugins);
    Files.writeString(plugins.resolve("sqlite.jar"), "admin's build");

    BundledPlugins.seed(bundled, plugins);
    assertThat(plugins.resolve("sqlite.jar")).hasContent("admin's build");

    ship("sqlite.jar", "v2", 2000);
    BundledPlugins.seed(bundled, plugins);
    assertThat(plugins.resolve("sqlite.jar")).as("even on an upgrade").hasContent("admin's build");
  }

  @Test
  void aDeletedCopyIsInstalledAgain() throws IOException {
    ship("sqlite.jar", "v1", 1000);
    BundledPlugins.seed(bundled, plugins);
    Files.delete(plugins.resolve("sqlite.jar"));

    BundledPlugins.seed(bundled, plugins);

    assertThat(plugins.resolve("sqlite.jar")).hasContent("v1");
  }
}
