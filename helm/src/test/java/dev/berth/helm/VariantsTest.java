package dev.berth.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.config.BerthConfig;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The setups labs choose between: external Redis, several replicas, their own monitors. */
@ExtendWith(KubeApi.class)
class VariantsTest {
  @TempDir Path scratch;

  @Test
  void externalRedisReplacesTheStatefulSet() {
    Manifests manifests = Chart.renderWith("external-redis.yaml");

    assertThat(manifests.find(StatefulSet.class, "berth-redis")).isEmpty();
    assertThat(manifests.find(Service.class, "berth-redis")).isEmpty();
    assertThat(manifests.find(Secret.class, "berth-redis")).isEmpty();
    assertThat(manifests.find(ConfigMap.class, "berth-redis")).isEmpty();
    BerthConfig config = RenderedConfig.load(manifests, scratch);
    assertThat(config.pluginSection("redis").values())
        .containsEntry("url", "rediss://redis.shared.svc.cluster.local:6380/2");
    assertThat(config.pluginSection("redis").values()).containsEntry("tlsCaFile", "/etc/berth-ca/ca.crt");
    assertThat(manifests.get(Deployment.class, "berth").getSpec().getTemplate().getSpec().getContainers().get(0)
        .getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/etc/berth-ca"));
    EnvVar password = queueManagerEnv(manifests, "BERTH_STORE_REDIS_PASSWORD");
    assertThat(password.getValueFrom().getSecretKeyRef().getName()).isEqualTo("shared-redis");
    assertThat(password.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("password");
  }

  @Test
  void externalRedisWithoutASecretHasNoPasswordVariable() {
    Manifests manifests = Chart.render(java.util.Map.of(
        "redis.enabled", "false", "externalRedis.url", "redis://redis.lab:6379/0"));

    assertThat(manifests.get(Deployment.class, "berth").getSpec().getTemplate().getSpec().getContainers().get(0)
        .getEnv()).noneMatch(e -> e.getName().equals("BERTH_STORE_REDIS_PASSWORD"));
  }

  @Test
  void twoReplicasShareTheQueueAndOneLeads() {
    Manifests manifests = Chart.renderWith("replicas-2.yaml");

    assertThat(manifests.get(Deployment.class, "berth").getSpec().getReplicas()).isEqualTo(2);
    BerthConfig config = RenderedConfig.load(manifests, scratch);
    assertThat(config.extensions().lease()).isEqualTo("redis");
    assertThat(config.extensions().store()).isEqualTo("redis");
    PodDisruptionBudget budget = manifests.get(PodDisruptionBudget.class, "berth");
    assertThat(budget.getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
    assertThat(budget.getSpec().getSelector().getMatchLabels())
        .isEqualTo(manifests.get(Deployment.class, "berth").getSpec().getSelector().getMatchLabels());
  }

  @Test
  void monitorDisabledUsesTheGivenMonitorUrls() {
    Manifests manifests = Chart.renderWith("monitor-disabled.yaml");

    assertThat(manifests.all(DaemonSet.class)).isEmpty();
    assertThat(manifests.find(Service.class, "berth-monitor")).isEmpty();
    BerthConfig config = RenderedConfig.load(manifests, scratch);
    assertThat(config.extensions().probe()).isEqualTo("cluster");
    assertThat(config.pluginSection("cluster").values())
        .containsEntry("monitors", List.of("http://gpu-node-1.lab:8080",
            Map.of("url", "http://10.0.0.12:8080", "node", "gpu-node-2")))
        .doesNotContainKey("kubernetes");
  }

  @Test
  void customNodeSelectorReachesMonitorsAndTrainingPods() {
    Manifests manifests = Chart.renderWith("custom-node-selector.yaml");

    assertThat(manifests.get(DaemonSet.class, "berth-monitor").getSpec().getTemplate().getSpec().getNodeSelector())
        .containsOnlyKeys("lab.example/gpu");
    java.util.Map<String, Object> selector =
        manifests.getCustom("WorkflowTemplate", "proto-gcn").get("spec", "templates", 0, "nodeSelector");
    assertThat(selector).containsEntry("lab.example/gpu", "yes");
  }

  @Test
  void anotherReleaseNamePrefixesEveryName() {
    Manifests manifests = new Manifests(new com.marcnuri.helm.Helm(Chart.directory()).template()
        .withName("lab").withNamespace("gpu").call());

    assertThat(manifests.find(Deployment.class, "lab-berth")).isPresent();
    assertThat(manifests.find(StatefulSet.class, "lab-berth-redis")).isPresent();
    assertThat(manifests.find(DaemonSet.class, "lab-berth-monitor")).isPresent();
    assertThat(RenderedConfig.yaml(manifests, "lab-berth-config")).contains("url: redis://lab-berth-redis.gpu.svc:6379/0")
        .contains("service: lab-berth-monitor").contains("server: http://lab-berth.gpu.svc:8081");
  }

  private static EnvVar queueManagerEnv(Manifests manifests, String name) {
    return manifests.get(Deployment.class, "berth").getSpec().getTemplate().getSpec().getContainers().get(0)
        .getEnv().stream().filter(e -> e.getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + name));
  }
}
