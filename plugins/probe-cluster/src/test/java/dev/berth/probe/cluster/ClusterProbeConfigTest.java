package dev.berth.probe.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.PluginConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterProbeConfigTest {

  private static ClusterProbeConfig config(Map<String, Object> values) {
    return ClusterProbeConfig.from(new PluginConfig("probe.cluster", values));
  }

  @Test
  void defaultsAreTheDesignsFiveSecondsAndThreeRetries() {
    ClusterProbeConfig c = config(Map.of("monitors", List.of("gpu-node-1:8080", "https://gpu-node-2:8443/custom")));

    assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.retries()).isEqualTo(3);
    assertThat(c.retryBackoff()).isEqualTo(Duration.ofMillis(250));
    assertThat(c.deadline()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.maxSampleAge()).isEqualTo(Duration.ofSeconds(60));
    assertThat(c.monitors()).extracting(t -> t.statusUrl().toString())
        .containsExactly("http://gpu-node-1:8080/status", "https://gpu-node-2:8443/custom");
    assertThat(c.kubernetes()).isNull();
  }

  @Test
  void kubernetesDiscoveryHasItsOwnDefaults() {
    ClusterProbeConfig c = config(Map.of("kubernetes", Map.of("service", "berth-monitor")));

    assertThat(c.monitors()).isEmpty();
    assertThat(c.kubernetes()).isEqualTo(
        new KubernetesSettings("berth-monitor", null, null, "http", "/status", Duration.ofSeconds(30), null));
  }

  @Test
  void mistakesNameTheKey() {
    assertThatThrownBy(() -> config(Map.of()))
        .hasMessage("probe.cluster: set either monitors (a list of monitor URLs) or kubernetes.service (the monitors' Service), not neither");
    assertThatThrownBy(() -> config(Map.of("monitors", List.of("a:1"), "kubernetes", Map.of("service", "s"))))
        .hasMessageEndingWith("not both");
    assertThatThrownBy(() -> config(Map.of("monitors", List.of(Map.of("host", "x")))))
        .hasMessage("probe.cluster.monitors[0] has an unknown key 'host'; keys: url, node");
    assertThatThrownBy(() -> config(Map.of("monitors", List.of("ftp://x"))))
        .hasMessageContaining("probe.cluster.monitors[0] must be an http(s) URL");
    assertThatThrownBy(() -> config(Map.of("monitors", List.of("x:1"), "retries", 11)))
        .hasMessage("probe.cluster.retries must be from 0 to 10, was 11");
    assertThatThrownBy(() -> config(Map.of("kubernetes", Map.of("namespace", "gpu"))))
        .hasMessage("probe.cluster.kubernetes.service must name the monitors' Service");
    assertThatThrownBy(() -> config(Map.of("kubernetes", Map.of("service", "s", "sevrice", "t"))))
        .hasMessageContaining("probe.cluster.kubernetes has an unknown key 'sevrice'");
    assertThatThrownBy(() -> config(Map.of("kubernetes", Map.of("service", "s", "scheme", "ftp"))))
        .hasMessage("probe.cluster.kubernetes.scheme must be http or https, was 'ftp'");
  }
}
