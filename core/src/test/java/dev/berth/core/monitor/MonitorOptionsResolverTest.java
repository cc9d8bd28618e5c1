package dev.berth.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.core.config.ConfigException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MonitorOptionsResolverTest {

  private static MonitorOptions resolve(Map<String, String> env, Map<String, Object> tree, MonitorOptionsResolver.Flags flags) {
    return new MonitorOptionsResolver(env, tree).resolve(flags);
  }

  @Test
  void defaultsAreTheReferenceDesignsPortAndFiveSeconds() {
    MonitorOptions o = resolve(Map.of(), Map.of(), MonitorOptionsResolver.Flags.none());

    assertThat(o.port()).isEqualTo(8080);
    assertThat(o.host()).isEqualTo("0.0.0.0");
    assertThat(o.interval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(o.probeId()).isEqualTo("nvidia-smi");
    assertThat(o.policyId()).isEqualTo("thresholds");
    assertThat(o.server()).isNull();
    assertThat(o.serverTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(o.thresholds().isEmpty()).isTrue();
  }

  @Test
  void aFlagWinsOverTheVariableWhichWinsOverTheFile() {
    Map<String, Object> tree = Map.of("monitor", Map.of("port", 7000, "intervalSeconds", 30, "probe", "dcgm",
        "server", "http://file:8081"));
    Map<String, String> env = Map.of("BERTH_MONITOR_PORT", "7100", "BERTH_MONITOR_INTERVAL_SECONDS", "20");

    MonitorOptions fromEnv = resolve(env, tree, MonitorOptionsResolver.Flags.none());
    MonitorOptions fromFlags = resolve(env, tree,
        new MonitorOptionsResolver.Flags("127.0.0.1", 7200, "2s", "nvidia-smi", "https://flag:9443/", Map.of()));

    assertThat(fromEnv.port()).isEqualTo(7100);
    assertThat(fromEnv.interval()).isEqualTo(Duration.ofSeconds(20));
    assertThat(fromEnv.probeId()).isEqualTo("dcgm");
    assertThat(fromEnv.server()).isEqualTo(URI.create("http://file:8081"));
    assertThat(fromFlags.port()).isEqualTo(7200);
    assertThat(fromFlags.host()).isEqualTo("127.0.0.1");
    assertThat(fromFlags.interval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(fromFlags.probeId()).isEqualTo("nvidia-smi");
    assertThat(fromFlags.server()).as("trailing slash dropped").isEqualTo(URI.create("https://flag:9443"));
  }

  @Test
  void intervalTakesSecondsOrAUnit() {
    assertThat(interval("7")).isEqualTo(Duration.ofSeconds(7));
    assertThat(interval("1500ms")).isEqualTo(Duration.ofMillis(1500));
    assertThat(interval("2m")).isEqualTo(Duration.ofMinutes(2));
  }

  private static Duration interval(String text) {
    return resolve(Map.of(), Map.of(), new MonitorOptionsResolver.Flags(null, null, text, null, null, Map.of())).interval();
  }

  @Test
  void badValuesNameWhereTheyCameFrom() {
    assertThatThrownBy(() -> resolve(Map.of(), Map.of(), new MonitorOptionsResolver.Flags(null, 70000, null, null, null, Map.of())))
        .isInstanceOf(ConfigException.class).hasMessage("--port must be between 0 and 65535, was 70000");
    assertThatThrownBy(() -> resolve(Map.of("BERTH_MONITOR_PORT", "eighty"), Map.of(), MonitorOptionsResolver.Flags.none()))
        .isInstanceOf(ConfigException.class).hasMessage("BERTH_MONITOR_PORT must be a whole number, was 'eighty'");
    assertThatThrownBy(() -> interval("soon"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("--interval must be a duration");
    assertThatThrownBy(() -> interval("100ms"))
        .isInstanceOf(ConfigException.class).hasMessage("--interval must be from 1 s to 3600 s, was 100ms");
    assertThatThrownBy(() -> resolve(Map.of(), Map.of("monitor", Map.of("server", "berth:8081")), MonitorOptionsResolver.Flags.none()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("monitor.server must be an http(s) URL");
    assertThatThrownBy(() -> resolve(Map.of(), Map.of("monitor", "yes"), MonitorOptionsResolver.Flags.none()))
        .isInstanceOf(ConfigException.class).hasMessage("monitor must be a section (a map of keys)");
    assertThatThrownBy(() -> resolve(Map.of(), Map.of("monitor", Map.of("port", Map.of())), MonitorOptionsResolver.Flags.none()))
        .isInstanceOf(ConfigException.class).hasMessage("monitor.port must be a single value");
  }

  @Test
  void thresholdInputsAreCollectedFromEveryLayer() {
    Map<String, Object> tree = Map.of("monitor", Map.of("thresholds", Map.of("cpuUsageMaxPercent", 70)));
    Map<String, String> env = Map.of("BERTH_MONITOR_THRESHOLDS_GPU_UTILIZATION_MAX_PERCENT", "60", "PATH", "/bin");

    MonitorOptions o = resolve(env, tree, MonitorOptionsResolver.Flags.none());

    assertThat(o.thresholds().file()).containsEntry("cpuUsageMaxPercent", "70");
    assertThat(o.thresholds().env()).containsOnlyKeys("BERTH_MONITOR_THRESHOLDS_GPU_UTILIZATION_MAX_PERCENT");
  }
}
