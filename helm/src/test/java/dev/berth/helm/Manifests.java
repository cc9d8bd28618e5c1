package dev.berth.helm;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The documents helm template printed, read back as typed Kubernetes objects by fabric8's
 * serialization: built-in kinds become their model classes (Deployment, Role…), custom kinds such
 * as Argo's WorkflowTemplate become {@link GenericKubernetesResource}. The models keep fields they
 * do not know in {@code additionalProperties}; {@link UnknownFields} finds them, so that a misspelt
 * key in a template fails a test instead of being ignored by Kubernetes.
 */
final class Manifests {
  private final String yaml;
  private final List<HasMetadata> objects;

  Manifests(String yaml) {
    this.yaml = yaml;
    this.objects = parse(yaml);
  }

  private static List<HasMetadata> parse(String yaml) {
    KubernetesSerialization serialization = new KubernetesSerialization();
    List<HasMetadata> out = new ArrayList<>();
    for (String document : yaml.split("(?m)^---\\s*$")) {
      if (document.lines().allMatch(line -> line.isBlank() || line.trim().startsWith("#"))) {
        continue;
      }
      KubernetesResource parsed =
          serialization.unmarshal(new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8)));
      if (!(parsed instanceof HasMetadata object)) {
        throw new IllegalStateException("not a Kubernetes object:\n" + document);
      }
      out.add(object);
    }
    return out;
  }

  String yaml() {
    return yaml;
  }

  List<HasMetadata> all() {
    return List.copyOf(objects);
  }

  <T extends HasMetadata> List<T> all(Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
    return all(type).stream().filter(o -> name.equals(o.getMetadata().getName())).findFirst();
  }

  <T extends HasMetadata> T get(Class<T> type, String name) {
    return find(type, name)
        .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name + " in:\n" + names()));
  }

  /** A custom resource by kind and name, such as ("WorkflowTemplate", "proto-gcn"). */
  Optional<GenericKubernetesResource> findCustom(String kind, String name) {
    return all(GenericKubernetesResource.class).stream()
        .filter(o -> kind.equals(o.getKind()) && name.equals(o.getMetadata().getName()))
        .findFirst();
  }

  GenericKubernetesResource getCustom(String kind, String name) {
    return findCustom(kind, name).orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in:\n" + names()));
  }

  /** "Kind/name" of every object, for messages. */
  List<String> names() {
    return objects.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList();
  }
}
