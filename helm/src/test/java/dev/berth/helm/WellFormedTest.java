package dev.berth.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every object of every variant: no field the Kubernetes model does not know (a typo Kubernetes
 * would drop), the release's namespace, the chart's labels, and names that are unique per kind.
 */
@ExtendWith(KubeApi.class)
class WellFormedTest {

  static Stream<String> variants() {
    return Stream.of("", "external-redis.yaml", "replicas-2.yaml", "monitor-disabled.yaml",
        "custom-node-selector.yaml", "everything-on.yaml", "../../../../examples/single-node-lab.yaml");
  }

  private static Manifests render(String variant) {
    if (variant.isEmpty()) {
      return Chart.render();
    }
    if (variant.startsWith("../")) {
      return new Manifests(Chart.template(
          Path.of(System.getProperty("berth.repo"), "helm/examples/single-node-lab.yaml"), Map.of()));
    }
    return Chart.renderWith(variant);
  }

  @ParameterizedTest(name = "[{0}]")
  @MethodSource("variants")
  void noUnknownFields(String variant) {
    List<String> unknown = new ArrayList<>();
    for (HasMetadata object : render(variant).all()) {
      UnknownFields.in(object).forEach(path -> unknown.add(object.getKind() + "/" + object.getMetadata().getName() + ": " + path));
    }

    assertThat(unknown).isEmpty();
  }

  @ParameterizedTest(name = "[{0}]")
  @MethodSource("variants")
  void everyObjectIsLabelledAndNamespaced(String variant) {
    for (HasMetadata object : render(variant).all()) {
      boolean clusterScoped = object instanceof ClusterRole || object instanceof ClusterRoleBinding;
      assertThat(object.getMetadata().getNamespace()).as(object.getKind() + " namespace")
          .isEqualTo(clusterScoped ? null : Chart.NAMESPACE);
      assertThat(object.getMetadata().getLabels()).as(object.getKind() + "/" + object.getMetadata().getName())
          .containsEntry("app.kubernetes.io/instance", "berth")
          .containsEntry("app.kubernetes.io/part-of", "berth")
          .containsEntry("app.kubernetes.io/managed-by", "Helm")
          .containsKey("app.kubernetes.io/component");
      assertThat(object.getMetadata().getName()).hasSizeLessThanOrEqualTo(63);
    }
  }

  @ParameterizedTest(name = "[{0}]")
  @MethodSource("variants")
  void namesAreUniquePerKind(String variant) {
    assertThat(render(variant).names()).doesNotHaveDuplicates();
  }
}
