package dev.berth.probe.nvidia;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.PluginConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NvidiaSmiProbeConfigTest {

  @Test
  void emptySectionGivesTheDocumentedDefaults() {
    NvidiaSmiProbeConfig config = NvidiaSmiProbeConfig.from(PluginConfig.empty("probe.nvidia-smi"));

    assertThat(config.command()).containsExactly("nvidia-smi");
    assertThat(config.procRoot()).isEqualTo(Path.of("/proc"));
    assertThat(config.cgroupRoot()).isEqualTo(Path.of("/sys/fs/cgroup"));
    assertThat(config.timeout()).isEqualTo(Duration.ofMillis(2000));
    assertThat(config.node()).isNull();
    assertThat(config.cgroupMode()).isEqualTo(CgroupMode.AUTO);
  }

  @Test
  void scalarCommandWithSpacesIsOnePath() {
    NvidiaSmiProbeConfig config = from(Map.of("command", "/opt/NVIDIA Corporation/nvidia-smi"));

    assertThat(config.command()).containsExactly("/opt/NVIDIA Corporation/nvidia-smi");
  }

  @Test
  void listCommandIsKeptAsArgv() {
    NvidiaSmiProbeConfig config = from(Map.of("command", List.of("ssh", "gpu-1", "nvidia-smi")));

    assertThat(config.command()).containsExactly("ssh", "gpu-1", "nvidia-smi");
  }

  @Test
  void blankCommandAndNodeMeanTheDefaults() {
    NvidiaSmiProbeConfig config = from(Map.of("command", " ", "node", ""));

    assertThat(config.command()).containsExactly("nvidia-smi");
    assertThat(config.node()).isNull();
  }

  @Test
  void useCgroupAcceptsBooleansAndWords() {
    assertThat(from(Map.of("useCgroup", true)).cgroupMode()).isEqualTo(CgroupMode.ON);
    assertThat(from(Map.of("useCgroup", "false")).cgroupMode()).isEqualTo(CgroupMode.OFF);
    assertThat(from(Map.of("useCgroup", "Auto")).cgroupMode()).isEqualTo(CgroupMode.AUTO);
  }

  @Test
  void unknownUseCgroupNamesTheKey() {
    assertThatThrownBy(() -> from(Map.of("useCgroup", "sometimes")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("config probe.nvidia-smi.useCgroup must be auto, true or false, was 'sometimes'");
  }

  @Test
  void nonPositiveTimeoutNamesTheKey() {
    assertThatThrownBy(() -> from(Map.of("timeoutMillis", 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("probe.nvidia-smi.timeoutMillis");
  }

  @Test
  void defaultNodeIsTheHostName() {
    assertThat(HostName.local()).isNotBlank();
  }

  private static NvidiaSmiProbeConfig from(Map<String, Object> values) {
    return NvidiaSmiProbeConfig.from(new PluginConfig("probe.nvidia-smi", values));
  }
}
