package dev.berth.core.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.AvailabilityPolicy;
import dev.berth.api.GpuResources;
import dev.berth.api.GpuVerdict;
import dev.berth.api.NodeResources;
import dev.berth.api.NodeVerdict;
import dev.berth.api.ResourceSnapshot;
import dev.berth.api.Settings;
import dev.berth.core.config.BerthConfig;
import dev.berth.core.config.ConfigLoader;
import dev.berth.core.scheduler.PolicyPanel;
import dev.berth.testkit.BrokenPolicyJars;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Policies from real third-party jars that misbehave: one throws, one forgets a GPU. Loaded by the
 * real plugin host, neither can make a GPU eligible, and the reason names the plugin.
 */
class BrokenPolicyPluginTest {
  @TempDir Path tmp;

  private static final ResourceSnapshot SNAPSHOT = new ResourceSnapshot(Instant.EPOCH, List.of(
      new NodeResources("ws", 1.0, 10.0, List.of(gpu(0), gpu(1)), List.of())), List.of());

  @Test
  void aThrowingPolicyJarBlocksTheNode() {
    Path plugins = tmp.resolve("plugins");
    BrokenPolicyJars.throwing(plugins, "crashing", "thermal sensor table missing");

    NodeVerdict verdict = judgeWith(plugins, "crashing");

    assertThat(verdict.hostEligible()).isFalse();
    assertThat(verdict.hostReasons()).singleElement().asString()
        .contains("policy 'crashing' failed").contains("thermal sensor table missing");
  }

  @Test
  void aPolicyJarThatForgetsAGpuBlocksThatGpu() {
    Path plugins = tmp.resolve("plugins");
    BrokenPolicyJars.firstGpuOnly(plugins, "first-gpu-only");

    NodeVerdict verdict = judgeWith(plugins, "first-gpu-only");

    assertThat(verdict.hostEligible()).isTrue();
    assertThat(verdict.gpus()).extracting(GpuVerdict::index, GpuVerdict::eligible).containsExactly(
        org.assertj.core.groups.Tuple.tuple(0, true), org.assertj.core.groups.Tuple.tuple(1, false));
    assertThat(verdict.gpus().get(1).reasons()).containsExactly("policy 'first-gpu-only' gave no verdict for GPU 1");
  }

  private NodeVerdict judgeWith(Path plugins, String pluginId) {
    BerthConfig config = new ConfigLoader().load(null, Map.of(),
        Map.of("dataDir", tmp.resolve("data").toString(), "pluginsDir", plugins.toString()));
    try (PluginHost host = new PluginHost(config, Clock.systemUTC(), s -> new Settings(s, 0, Map.of()))) {
      host.loadAll();
      AvailabilityPolicy policy = host.extension(AvailabilityPolicy.class, pluginId);
      return new PolicyPanel(List.of(new Provided<>(pluginId, policy))).judge(SNAPSHOT).get("ws");
    }
  }

  private static GpuResources gpu(int index) {
    return new GpuResources(index, "GPU-" + index, "Test GPU", 0L, 10240L, 0.0, 20.0);
  }
}
