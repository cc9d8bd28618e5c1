package dev.berth.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The queue manager: `berth serve` in a Deployment, its Service on 8081, probes and hardening. */
@ExtendWith(KubeApi.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueueManagerTest {
  private Manifests manifests;
  private Deployment deployment;
  private PodSpec pod;
  private Container berth;

  @BeforeAll
  void render() {
    manifests = Chart.render();
    deployment = manifests.get(Deployment.class, "berth");
    pod = deployment.getSpec().getTemplate().getSpec();
    assertThat(pod.getContainers()).hasSize(1);
    berth = pod.getContainers().get(0);
  }

  @Test
  void runsBerthServeFromTheImageWithTheRenderedConfig() {
    assertThat(berth.getImage()).isEqualTo("berth:" + System.getProperty("berth.version"));
    assertThat(berth.getCommand()).as("the image's entrypoint, the launcher, stays").isEmpty();
    assertThat(berth.getArgs()).containsExactly("serve", "--config", "/etc/berth/berth.yaml");
    assertThat(mounts().get("config").getMountPath()).isEqualTo("/etc/berth");
    assertThat(mounts().get("config").getReadOnly()).isTrue();
    assertThat(volumes().get("config").getConfigMap().getName()).isEqualTo(RenderedConfig.CONFIG_MAP);
  }

  @Test
  void servesOn8081ThroughTheServiceNamedLikeTheReferenceDesign() {
    assertThat(berth.getPorts()).singleElement().satisfies(p -> {
      assertThat(p.getName()).isEqualTo("http");
      assertThat(p.getContainerPort()).isEqualTo(8081);
    });
    Service service = manifests.get(Service.class, "berth");
    ServicePort port = service.getSpec().getPorts().get(0);
    assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
    assertThat(port.getPort()).isEqualTo(8081);
    assertThat(port.getTargetPort().getStrVal()).isEqualTo("http");
    assertThat(service.getSpec().getSelector())
        .isEqualTo(deployment.getSpec().getSelector().getMatchLabels())
        .containsEntry("app.kubernetes.io/component", "queue-manager");
  }

  @Test
  void livenessIsHealthzAndReadinessIsReadyz() {
    assertThat(berth.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(berth.getLivenessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
    assertThat(berth.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(berth.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
  }

  @Test
  void hasRequestsAndAMemoryLimit() {
    assertThat(berth.getResources().getRequests())
        .containsEntry("cpu", new Quantity("250m"))
        .containsEntry("memory", new Quantity("512Mi"));
    assertThat(berth.getResources().getLimits()).containsEntry("memory", new Quantity("1Gi"));
  }

  @Test
  void runsAsNonRootOnAReadOnlyRootFilesystem() {
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(10001L);
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(berth.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(berth.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(berth.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
  }

  @Test
  void theDataDirectoryAndTmpAreWritableVolumes() {
    // Berth copies its bundled plugins into <dataDir>/plugins at start.
    assertThat(mounts().get("data").getMountPath()).isEqualTo("/var/lib/berth");
    assertThat(mounts().get("data").getReadOnly()).isNotEqualTo(Boolean.TRUE);
    assertThat(volumes().get("data").getEmptyDir().getSizeLimit()).isEqualTo(new Quantity("2Gi"));
    assertThat(mounts().get("tmp").getMountPath()).isEqualTo("/tmp");
    assertThat(volumes().get("tmp").getEmptyDir()).isNotNull();
  }

  @Test
  void theRedisPasswordAndAdminPasswordComeFromSecrets() {
    Map<String, EnvVar> env = berth.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, Function.identity()));

    assertThat(env.get("BERTH_STORE_REDIS_PASSWORD").getValueFrom().getSecretKeyRef().getName()).isEqualTo("berth-redis");
    assertThat(env.get("BERTH_STORE_REDIS_PASSWORD").getValueFrom().getSecretKeyRef().getKey()).isEqualTo("redis-password");
    assertThat(env.get("BERTH_ADMIN_PASSWORD").getValueFrom().getSecretKeyRef().getName()).isEqualTo("berth-admin");
    assertThat(env.get("JAVA_TOOL_OPTIONS").getValue()).contains("-XX:MaxRAMPercentage=75");
    assertThat(env.values()).filteredOn(e -> e.getName().contains("PASSWORD"))
        .as("no password as a plain value").allSatisfy(e -> assertThat(e.getValue()).isNull());
  }

  @Test
  void usesItsOwnServiceAccountAndRestartsWhenTheConfigChanges() {
    assertThat(pod.getServiceAccountName()).isEqualTo("berth");
    String before = deployment.getSpec().getTemplate().getMetadata().getAnnotations().get("checksum/config");
    String after = Chart.render(Map.of("config.lease.ttlSeconds", "30"))
        .get(Deployment.class, "berth").getSpec().getTemplate().getMetadata().getAnnotations().get("checksum/config");
    assertThat(before).hasSize(64).isNotEqualTo(after);
  }

  @Test
  void oneReplicaByDefault() {
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
  }

  private Map<String, VolumeMount> mounts() {
    return berth.getVolumeMounts().stream().collect(Collectors.toMap(VolumeMount::getName, Function.identity()));
  }

  private Map<String, Volume> volumes() {
    return pod.getVolumes().stream().collect(Collectors.toMap(Volume::getName, Function.identity()));
  }
}
