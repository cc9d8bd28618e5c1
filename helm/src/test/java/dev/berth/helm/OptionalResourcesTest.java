package dev.berth.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Ingress, NetworkPolicies, the admin password and the other things a value turns on or off. */
@ExtendWith(KubeApi.class)
class OptionalResourcesTest {
  private static final Map<String, String> QUEUE_MANAGER = Map.of(
      "app.kubernetes.io/name", "berth", "app.kubernetes.io/instance", "berth",
      "app.kubernetes.io/component", "queue-manager");

  @Test
  void offByDefault() {
    Manifests manifests = Chart.render();

    assertThat(manifests.all(Ingress.class)).isEmpty();
    assertThat(manifests.all(NetworkPolicy.class)).isEmpty();
  }

  @Test
  void ingressRoutesToTheApiAndUi() {
    Ingress ingress = Chart.renderWith("everything-on.yaml").get(Ingress.class, "berth");

    assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("nginx");
    assertThat(ingress.getSpec().getRules()).singleElement().satisfies(rule -> {
      assertThat(rule.getHost()).isEqualTo("berth.lab.example");
      IngressBackend backend = rule.getHttp().getPaths().get(0).getBackend();
      assertThat(backend.getService().getName()).isEqualTo("berth");
      assertThat(backend.getService().getPort().getName()).isEqualTo("http");
    });
    assertThat(ingress.getSpec().getTls().get(0).getSecretName()).isEqualTo("berth-tls");
    assertThat(ingress.getMetadata().getAnnotations())
        .containsEntry("nginx.ingress.kubernetes.io/proxy-buffering", "off");
  }

  @Test
  void redisAcceptsOnlyTheQueueManager() {
    NetworkPolicy redis = Chart.renderWith("everything-on.yaml").get(NetworkPolicy.class, "berth-redis");

    assertThat(redis.getSpec().getPodSelector().getMatchLabels()).containsEntry("app.kubernetes.io/component", "redis");
    assertThat(redis.getSpec().getPolicyTypes()).containsExactly("Ingress");
    NetworkPolicyIngressRule rule = redis.getSpec().getIngress().get(0);
    assertThat(rule.getFrom()).singleElement()
        .satisfies(peer -> assertThat(peer.getPodSelector().getMatchLabels()).isEqualTo(QUEUE_MANAGER));
    assertThat(rule.getPorts()).singleElement().satisfies(p -> assertThat(p.getPort().getStrVal()).isEqualTo("redis"));
  }

  @Test
  void monitorsAcceptTheQueueManagerAndTheNamedExtraSources() {
    NetworkPolicy monitor = Chart.renderWith("everything-on.yaml").get(NetworkPolicy.class, "berth-monitor");

    NetworkPolicyIngressRule rule = monitor.getSpec().getIngress().get(0);
    assertThat(rule.getFrom()).hasSize(2);
    assertThat(rule.getFrom().get(0).getPodSelector().getMatchLabels()).isEqualTo(QUEUE_MANAGER);
    assertThat(rule.getFrom().get(1).getNamespaceSelector().getMatchLabels())
        .containsEntry("kubernetes.io/metadata.name", "monitoring");
    assertThat(rule.getPorts()).singleElement().satisfies(p -> assertThat(p.getPort().getStrVal()).isEqualTo("http"));
  }

  @Test
  void theApiIsOpenToEveryoneUnlessSourcesAreNamed() {
    NetworkPolicy api = Chart.renderWith("everything-on.yaml").get(NetworkPolicy.class, "berth");

    assertThat(api.getSpec().getPodSelector().getMatchLabels()).isEqualTo(QUEUE_MANAGER);
    assertThat(api.getSpec().getIngress()).singleElement().satisfies(rule -> {
      assertThat(rule.getFrom()).isNullOrEmpty();
      assertThat(rule.getPorts().get(0).getPort().getStrVal()).isEqualTo("http");
    });
  }

  @Test
  void adminPasswordIsGeneratedOnceOrTakenFromAnExistingSecret() {
    Secret generated = Chart.render().get(Secret.class, "berth-admin");
    assertThat(generated.getData()).containsKey("password");
    assertThat(generated.getMetadata().getAnnotations()).containsEntry("helm.sh/resource-policy", "keep");

    Manifests existing = Chart.renderWith("everything-on.yaml");
    assertThat(existing.find(Secret.class, "berth-admin")).isEmpty();
    assertThat(existing.get(Deployment.class, "berth").getSpec().getTemplate().getSpec().getContainers().get(0)
        .getEnv()).anySatisfy(e -> {
          assertThat(e.getName()).isEqualTo("BERTH_ADMIN_PASSWORD");
          assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("berth-admin-from-vault");
        });

    Manifests none = Chart.render(Map.of("adminPassword.enabled", "false"));
    assertThat(none.find(Secret.class, "berth-admin")).isEmpty();
    assertThat(none.get(Deployment.class, "berth").getSpec().getTemplate().getSpec().getContainers().get(0)
        .getEnv()).noneMatch(e -> e.getName().equals("BERTH_ADMIN_PASSWORD"));
  }

  @Test
  void nodePortAndPersistentDataVolume() {
    Manifests manifests = Chart.renderWith("everything-on.yaml");

    Service service = manifests.get(Service.class, "berth");
    assertThat(service.getSpec().getType()).isEqualTo("NodePort");
    assertThat(service.getSpec().getPorts().get(0).getNodePort()).isEqualTo(30081);
    assertThat(manifests.get(Deployment.class, "berth").getSpec().getTemplate().getSpec().getVolumes())
        .anySatisfy(v -> {
          assertThat(v.getName()).isEqualTo("data");
          assertThat(v.getPersistentVolumeClaim().getClaimName()).isEqualTo("berth-data");
        });
  }
}
