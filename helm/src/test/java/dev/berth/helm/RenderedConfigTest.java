package dev.berth.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.berth.core.config.BerthConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The ConfigMap's berth.yaml is a configuration `berth serve` accepts, with the cluster's plugins. */
@ExtendWith(KubeApi.class)
class RenderedConfigTest {
  @TempDir Path scratch;

  @Test
  void defaultsChooseRedisArgoClusterAndTheRedisLease() {
    BerthConfig config = RenderedConfig.load(Chart.render(), scratch);

    assertThat(config.extensions().store()).isEqualTo("redis");
    assertThat(config.extensions().executor()).isEqualTo("argo");
    assertThat(config.extensions().probe()).isEqualTo("cluster");
    assertThat(config.extensions().lease()).isEqualTo("redis");
    assertThat(config.extensions().policies()).containsExactly("thresholds");
    assertThat(config.extensions().order()).isEqualTo("fifo");
  }

  @Test
  void serverListensOn8081AndKeepsItsDataInTheMountedVolume() {
    BerthConfig config = RenderedConfig.load(Chart.render(), scratch);

    assertThat(config.port()).isEqualTo(8081);
    assertThat(config.host()).isEqualTo("0.0.0.0");
    assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/berth"));
    assertThat(config.pluginsDir()).isEqualTo(Path.of("/var/lib/berth/plugins"));
    assertThat(config.defaultTemplate()).isEqualTo("proto-gcn");
  }

  @Test
  void redisSectionPointsAtTheReleasesRedisAndRequiresPersistence() {
    Map<String, Object> redis = RenderedConfig.load(Chart.render(), scratch).pluginSection("redis").values();

    assertThat(redis).containsOnly(
        entry("url", "redis://berth-redis.argo.svc:6379/0"),
        entry("prefix", "berth:"),
        entry("requirePersistence", true));
  }

  @Test
  void noSecretIsWrittenIntoTheConfig() {
    String yaml = RenderedConfig.yaml(Chart.render());

    assertThat(yaml).doesNotContainIgnoringCase("password");
  }

  @Test
  void argoSectionNamesTheNamespaceTheWorkflowAccountAndTheProtoGcnTemplate() {
    Map<String, Object> argo = RenderedConfig.load(Chart.render(), scratch).pluginSection("argo").values();

    assertThat(argo).containsEntry("namespace", "argo")
        .containsEntry("installation", "berth")
        .containsEntry("serviceAccount", "berth-workflow")
        .containsEntry("shutdown", "Terminate");
    assertThat(argo.get("templates")).isEqualTo(Map.of("proto-gcn", Map.of(
        "description", "Proto-GCN skeleton action recognition training, the reference design's job.",
        "workflowTemplate", "proto-gcn",
        "parameters", Map.of(
            "config-file", Map.of("required", true, "kind", "path",
                "description", "Training config inside the image, e.g. configs/ntu60_xsub/j.py"),
            "work-dir", Map.of("required", true, "kind", "relative-path",
                "description", "Where checkpoints and logs go, under /workspace/work_dirs")))));
  }

  @Test
  void theInstallationIdIsTheReleaseNameUnlessGiven() {
    Map<String, Object> given =
        RenderedConfig.load(Chart.render(Map.of("argo.installation", "vision-lab")), scratch).pluginSection("argo").values();

    assertThat(given).containsEntry("installation", "vision-lab");
  }

  @Test
  void clusterProbeFindsTheMonitorsThroughTheirService() {
    Map<String, Object> cluster = RenderedConfig.load(Chart.render(), scratch).pluginSection("cluster").values();

    assertThat(cluster).containsOnly(
        entry("kubernetes", Map.of("namespace", "argo", "service", "berth-monitor", "port", "http",
            "refreshSeconds", 30)),
        entry("timeoutMillis", 5000),
        entry("retries", 3));
  }

  @Test
  void monitorsReadTheHostsProcAndTakeThresholdsFromTheServer() {
    BerthConfig config = RenderedConfig.load(Chart.render(), scratch);

    assertThat(config.pluginSection("nvidia-smi").values())
        .containsEntry("procRoot", "/host/proc")
        .containsEntry("useCgroup", "false")
        .containsEntry("command", "nvidia-smi");
    assertThat(config.tree().get("monitor")).isEqualTo(
        Map.of("port", 8080, "intervalSeconds", 5, "server", "http://berth.argo.svc:8081"));
  }

  @Test
  void theMonitorsNodeNameComesFromItsVariable() {
    BerthConfig config = RenderedConfig.load(
        Chart.render(), scratch, Map.of("BERTH_PROBE_NVIDIA_SMI_NODE", "gpu-node-1"));

    assertThat(config.pluginSection("nvidia-smi").values()).containsEntry("node", "gpu-node-1");
  }

  @Test
  void configValuesMergeOverWhatTheChartRenders() {
    BerthConfig config = RenderedConfig.load(Chart.render(Map.of(
        "config.lease.ttlSeconds", "30",
        "config.extensions.listeners[0]", "audit",
        "config.api.defaultTemplate", "st-gcn")), scratch);

    assertThat(config.leaseTtl()).hasSeconds(30);
    assertThat(config.extensions().listeners()).containsExactly("audit");
    assertThat(config.extensions().store()).isEqualTo("redis");
    assertThat(config.defaultTemplate()).isEqualTo("st-gcn");
  }

  @ParameterizedTest
  @ValueSource(strings = {"external-redis.yaml", "replicas-2.yaml", "monitor-disabled.yaml",
      "custom-node-selector.yaml", "everything-on.yaml"})
  void everyVariantLoadsWithTheSamePlugins(String values) {
    BerthConfig config = RenderedConfig.load(Chart.renderWith(values), scratch);

    assertThat(List.of(config.extensions().store(), config.extensions().executor(),
            config.extensions().probe(), config.extensions().lease()))
        .containsExactly("redis", "argo", "cluster", "redis");
  }

  @Test
  void theLabExampleLoads() {
    BerthConfig config = RenderedConfig.load(
        new Manifests(Chart.template(Path.of(System.getProperty("berth.repo"), "helm/examples/single-node-lab.yaml"),
            Map.of())), scratch);

    assertThat(config.extensions().executor()).isEqualTo("argo");
  }
}
