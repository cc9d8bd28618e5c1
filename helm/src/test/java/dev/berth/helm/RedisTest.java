package dev.berth.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Redis for the queue: a StatefulSet with a PVC and the append-only file on. */
@ExtendWith(KubeApi.class)
class RedisTest {

  @Test
  void statefulSetKeepsItsDataOnAPersistentVolumeClaim() {
    StatefulSet redis = Chart.render().get(StatefulSet.class, "berth-redis");

    assertThat(redis.getSpec().getReplicas()).isEqualTo(1);
    assertThat(redis.getSpec().getServiceName()).isEqualTo("berth-redis-headless");
    PersistentVolumeClaim claim = redis.getSpec().getVolumeClaimTemplates().get(0);
    assertThat(claim.getMetadata().getName()).isEqualTo("data");
    assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
    assertThat(claim.getSpec().getResources().getRequests()).containsEntry("storage", new Quantity("8Gi"));
    assertThat(claim.getSpec().getStorageClassName()).as("the cluster's default class").isNull();
    assertThat(container(redis).getVolumeMounts())
        .anySatisfy(m -> {
          assertThat(m.getName()).isEqualTo("data");
          assertThat(m.getMountPath()).isEqualTo("/data");
        });
  }

  @Test
  void appendOnlyFileIsOnWithEverysecAndNoEviction() {
    Manifests manifests = Chart.render();
    String conf = manifests.get(ConfigMap.class, "berth-redis").getData().get("redis.conf");

    assertThat(conf.lines().map(String::trim))
        .contains("appendonly yes", "appendfsync everysec", "dir /data", "maxmemory-policy noeviction");
    assertThat(container(manifests.get(StatefulSet.class, "berth-redis")).getArgs())
        .startsWith("/etc/redis/redis.conf");
  }

  @Test
  void appendfsyncAndStorageFollowTheValues() {
    Manifests manifests = Chart.render(Map.of(
        "redis.appendfsync", "always",
        "redis.persistence.size", "20Gi",
        "redis.persistence.storageClass", "local-path",
        "redis.maxmemory", "2gb"));

    String conf = manifests.get(ConfigMap.class, "berth-redis").getData().get("redis.conf");
    assertThat(conf.lines().map(String::trim)).contains("appendfsync always", "maxmemory 2gb");
    PersistentVolumeClaim claim =
        manifests.get(StatefulSet.class, "berth-redis").getSpec().getVolumeClaimTemplates().get(0);
    assertThat(claim.getSpec().getResources().getRequests()).containsEntry("storage", new Quantity("20Gi"));
    assertThat(claim.getSpec().getStorageClassName()).isEqualTo("local-path");
  }

  @Test
  void requiresThePasswordFromTheGeneratedSecret() {
    Manifests manifests = Chart.render();
    Container redis = container(manifests.get(StatefulSet.class, "berth-redis"));

    assertThat(redis.getArgs()).containsSequence("--requirepass", "$(REDIS_PASSWORD)");
    assertThat(redis.getEnv()).anySatisfy(e -> {
      assertThat(e.getName()).isEqualTo("REDIS_PASSWORD");
      assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("berth-redis");
      assertThat(e.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("redis-password");
    });
    Secret secret = manifests.get(Secret.class, "berth-redis");
    assertThat(decode(secret.getData().get("redis-password"))).hasSize(32).matches("[A-Za-z0-9]+");
    assertThat(secret.getMetadata().getAnnotations()).containsEntry("helm.sh/resource-policy", "keep");
  }

  @Test
  void anUpgradeKeepsThePasswordOfTheEarlierInstall(NamespacedKubernetesClient kube) {
    String earlier = Base64.getEncoder().encodeToString("password-of-the-first-install".getBytes(StandardCharsets.UTF_8));
    kube.secrets().resource(new SecretBuilder()
        .withNewMetadata().withName("berth-redis").withNamespace(Chart.NAMESPACE).endMetadata()
        .addToData("redis-password", earlier).build()).create();
    try {
      Secret rendered = Chart.render().get(Secret.class, "berth-redis");

      assertThat(rendered.getData()).containsEntry("redis-password", earlier);
    } finally {
      kube.secrets().withName("berth-redis").delete();
    }
  }

  @Test
  void anExistingSecretReplacesTheGeneratedOne() {
    Manifests manifests = Chart.render(Map.of(
        "redis.auth.existingSecret", "lab-redis", "redis.auth.existingSecretPasswordKey", "pw"));

    assertThat(manifests.find(Secret.class, "berth-redis")).isEmpty();
    assertThat(container(manifests.get(StatefulSet.class, "berth-redis")).getEnv())
        .allSatisfy(e -> assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("lab-redis"));
  }

  @Test
  void withoutAuthThereIsNoPassword() {
    Manifests manifests = Chart.render(Map.of("redis.auth.enabled", "false"));

    assertThat(manifests.find(Secret.class, "berth-redis")).isEmpty();
    Container redis = container(manifests.get(StatefulSet.class, "berth-redis"));
    assertThat(redis.getArgs()).containsExactly("/etc/redis/redis.conf");
    assertThat(redis.getEnv()).isEmpty();
    Container berth = manifests.get(io.fabric8.kubernetes.api.model.apps.Deployment.class, "berth")
        .getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(berth.getEnv()).noneMatch(e -> e.getName().equals("BERTH_STORE_REDIS_PASSWORD"));
  }

  @Test
  void runsAsTheRedisUserOnAReadOnlyRootFilesystem() {
    StatefulSet redis = Chart.render().get(StatefulSet.class, "berth-redis");
    PodSpec pod = redis.getSpec().getTemplate().getSpec();

    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(999L);
    assertThat(pod.getSecurityContext().getFsGroup()).as("can write its volume").isEqualTo(999L);
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    assertThat(container(redis).getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(container(redis).getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
  }

  @Test
  void probesAndServiceUseThePort() {
    Manifests manifests = Chart.render();
    Container redis = container(manifests.get(StatefulSet.class, "berth-redis"));

    assertThat(redis.getPorts().get(0).getContainerPort()).isEqualTo(6379);
    assertThat(redis.getReadinessProbe().getExec().getCommand()).last().asString().contains("ping");
    assertThat(redis.getLivenessProbe().getTcpSocket().getPort().getStrVal()).isEqualTo("redis");
    Service service = manifests.get(Service.class, "berth-redis");
    assertThat(service.getSpec().getPorts().get(0).getPort()).isEqualTo(6379);
    assertThat(manifests.get(Service.class, "berth-redis-headless").getSpec().getClusterIP()).isEqualTo("None");
  }

  private static Container container(StatefulSet redis) {
    return redis.getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  private static String decode(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
  }
}
