package dev.berth.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import dev.berth.testkit.PluginJarBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code berth} launcher's subcommands, run as a user would. */
class LauncherTest {
  @TempDir Path tmp;

  @Test
  void versionPrintsTheVersion() throws Exception {
    Path out = tmp.resolve("out");
    assertThat(BerthProcess.run(out, "--version")).isZero();
    assertThat(Files.readString(out)).startsWith("berth 0.1.0");
  }

  @Test
  void pluginsListsTheBundledPlugins() throws Exception {
    Path out = tmp.resolve("out");
    assertThat(BerthProcess.run(out, "plugins", "--data-dir", tmp.resolve("data").toString())).isZero();
    assertThat(Files.readString(out))
        .contains("sqlite").contains("local").contains("nvidia-smi").contains("thresholds").contains("fifo")
        .contains("redis").contains("argo").contains("cluster").contains("dcgm")
        .contains("QueueStore").contains("STARTED").contains("serve would start every selected extension");
    assertThat(tmp.resolve("data").resolve("plugins")).as("berth plugins writes no plugins directory").doesNotExist();
  }

  @Test
  void pluginsShowsWhyAnExtensionServeWouldBuildFails() throws Exception {
    Path plugins = tmp.resolve("plugins");
    new PluginJarBuilder("fussy", "1.0.0").source("com.example.fussy.FussyPolicy", """
        package com.example.fussy;

        import dev.berth.api.AvailabilityPolicy;
        import dev.berth.api.AvailabilityVerdict;
        import dev.berth.api.PluginContext;
        import dev.berth.api.ResourceSnapshot;
        import org.pf4j.Extension;

        @Extension
        public final class FussyPolicy implements AvailabilityPolicy {
          public FussyPolicy(PluginContext context) {
            throw new IllegalStateException("policy.fussy.zone is required");
          }

          @Override
          public AvailabilityVerdict judge(ResourceSnapshot snapshot) {
            throw new UnsupportedOperationException();
          }
        }
        """).build(plugins);
    Path config = tmp.resolve("berth.yaml");
    Files.writeString(config, "pluginsDir: \"" + plugins + "\"\nextensions: { policies: [thresholds, fussy] }\n");
    List<String> before = listing(plugins);
    Path out = tmp.resolve("out");

    int code = BerthProcess.run(out, "plugins", "--config", config.toString(), "--data-dir", tmp.resolve("data").toString());

    String text = Files.readString(out);
    assertThat(code).as(text).isEqualTo(1);
    assertThat(text).containsPattern("fussy +1\\.0\\.0 +FAILED")
        .contains("serve would fail:").contains("extensions.policies: plugin 'fussy' could not start")
        .contains("policy.fussy.zone is required").doesNotContain("\tat ");
    assertThat(listing(plugins)).as("the plugins directory is left as it was").isEqualTo(before);
  }

  @Test
  void pluginsHonoursTheDisabledListAsServeDoes() throws Exception {
    Path plugins = tmp.resolve("plugins");
    Files.createDirectories(plugins);
    Files.writeString(plugins.resolve("disabled.txt"), "dcgm\n");
    Path out = tmp.resolve("out");

    int code = BerthProcess.run(out, "plugins", "--plugins-dir", plugins.toString(), "--data-dir", tmp.resolve("data").toString());

    assertThat(code).isZero();
    assertThat(Files.readString(out)).containsPattern("dcgm +\\S+ +DISABLED").containsPattern("sqlite +\\S+ +STARTED");
    assertThat(listing(plugins)).containsExactly("disabled.txt");
  }

  private static List<String> listing(Path dir) throws Exception {
    try (var files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aBadConfigurationStopsWithAClearMessage() throws Exception {
    Path config = tmp.resolve("berth.yaml");
    Files.writeString(config, "extensions: { store: nosuchstore }\n");
    Path out = tmp.resolve("out");
    int code = BerthProcess.run(out, "serve", "--config", config.toString(), "--data-dir", tmp.resolve("data").toString(), "--port", "0");
    assertThat(code).isEqualTo(2);
    assertThat(Files.readString(out)).contains("extensions.store").contains("nosuchstore").containsPattern("candidates: .*sqlite")
        .doesNotContain("\tat ");
  }
}
