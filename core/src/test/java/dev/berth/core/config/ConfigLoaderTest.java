package dev.berth.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path tmp;
  private final ConfigLoader loader = new ConfigLoader();

  @Test
  void defaultsMatchTheReferenceDesign() {
    BerthConfig c = loader.load(null, Map.of(), Map.of());
    assertThat(c.port()).isEqualTo(8081);
    assertThat(c.dataDir()).isEqualTo(Path.of("./data"));
    assertThat(c.pluginsDir()).isEqualTo(Path.of("./data/plugins"));
    assertThat(c.extensions()).isEqualTo(new Extensions("sqlite", "local", "nvidia-smi", List.of("thresholds"), "fifo", List.of(), ""));
    assertThat(c.maxBodyBytes()).isEqualTo(65536);
    assertThat(c.pluginSection("nvidia-smi").getString("command", null)).isEqualTo("nvidia-smi");
    assertThat(c.pluginSection("nvidia-smi").path()).isEqualTo("probe.nvidia-smi");
    assertThat(c.pluginSection("local").section("templates").has("demo")).isTrue();
  }

  @Test
  void fileMergesOverDefaultsKeyByKey() throws Exception {
    Path file = tmp.resolve("berth.yaml");
    Files.writeString(file, """
        server: { port: 9000 }
        probe:
          nvidia-smi: { command: /opt/fake/nvidia-smi }
        """);
    BerthConfig c = loader.load(file, Map.of(), Map.of());
    assertThat(c.port()).isEqualTo(9000);
    assertThat(c.host()).isEqualTo("0.0.0.0");
    assertThat(c.pluginSection("nvidia-smi").getString("command", null)).isEqualTo("/opt/fake/nvidia-smi");
    assertThat(c.pluginSection("nvidia-smi").getString("procRoot", null)).isEqualTo("/proc");
  }

  @Test
  void aPluginWithTwoPointsReadsOneConfigFromEitherSection() throws Exception {
    Path file = tmp.resolve("berth.yaml");
    Files.writeString(file, """
        policy:
          quiet-hours: { start: "09:00" }
        listener:
          quiet-hours: { channel: ops }
        """);
    BerthConfig c = loader.load(file, Map.of(), Map.of());
    assertThat(c.pluginSection("quiet-hours").getString("start", null)).isEqualTo("09:00");
    assertThat(c.pluginSection("quiet-hours").getString("channel", null)).isEqualTo("ops");
  }

  @Test
  void theSameKeyInTwoSectionsOfOnePluginIsRefused() throws Exception {
    Path file = tmp.resolve("berth.yaml");
    Files.writeString(file, """
        policy:
          quiet-hours: { start: "09:00" }
        plugins:
          quiet-hours: { start: "10:00" }
        """);
    assertThatThrownBy(() -> loader.load(file, Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("plugins.quiet-hours.start and policy.quiet-hours.start are both set; plugin 'quiet-hours' reads"
            + " one config map merged from all its sections, so set the key in one of them");
  }

  @Test
  void environmentOverridesFileAndFlagsOverrideEnvironment() throws Exception {
    Path file = tmp.resolve("berth.yaml");
    Files.writeString(file, "server: { port: 9000 }\n");
    Map<String, String> env = Map.of(
        "BERTH_SERVER_PORT", "9100",
        "BERTH_PROBE_NVIDIA_SMI_TIMEOUT_MILLIS", "500",
        "BERTH_EXTENSIONS_POLICIES", "[thresholds, quiet-hours]",
        "BERTH_DATA_DIR", "/var/lib/berth");
    BerthConfig c = loader.load(file, env, Map.of());
    assertThat(c.port()).isEqualTo(9100);
    assertThat(c.dataDir()).isEqualTo(Path.of("/var/lib/berth"));
    assertThat(c.pluginsDir()).isEqualTo(Path.of("/var/lib/berth/plugins"));
    assertThat(c.pluginSection("nvidia-smi").getLong("timeoutMillis", 0)).isEqualTo(500);
    assertThat(c.extensions().policies()).containsExactly("thresholds", "quiet-hours");
    assertThat(loader.load(file, env, Map.of("server.port", 9200)).port()).isEqualTo(9200);
  }

  @Test
  void variableNamesFollowThePath() {
    assertThat(EnvOverrides.variableName(List.of("server", "port"))).isEqualTo("BERTH_SERVER_PORT");
    assertThat(EnvOverrides.variableName(List.of("probe", "nvidia-smi", "procRoot"))).isEqualTo("BERTH_PROBE_NVIDIA_SMI_PROC_ROOT");
  }

  @Test
  void badValuesNameTheKey() throws Exception {
    assertThatThrownBy(() -> loader.load(null, Map.of("BERTH_SERVER_PORT", "eighty"), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("server.port");
    assertThatThrownBy(() -> loader.load(null, Map.of("BERTH_SERVER_PORT", "70000"), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("between 0 and 65535");
    Path broken = tmp.resolve("broken.yaml");
    Files.writeString(broken, "server: [unclosed\n");
    assertThatThrownBy(() -> loader.load(broken, Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("not valid YAML");
    assertThatThrownBy(() -> loader.load(tmp.resolve("missing.yaml"), Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("not found");
    Path list = tmp.resolve("list.yaml");
    Files.writeString(list, "- a\n- b\n");
    assertThatThrownBy(() -> loader.load(list, Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("map of sections");
  }
}
