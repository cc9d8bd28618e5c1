package dev.berth.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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
        .contains("QueueStore").contains("STARTED");
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
