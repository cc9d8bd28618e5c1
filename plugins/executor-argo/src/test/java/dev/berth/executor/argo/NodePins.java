package dev.berth.executor.argo;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Map;

/** Reads the node pin Berth puts in a Workflow's {@code spec.podSpecPatch}. */
final class NodePins {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private NodePins() {}

  /** The {@code nodeSelector} of the Workflow-level podSpecPatch; empty when there is none. */
  static Map<String, Object> of(GenericKubernetesResource workflow) {
    return of(Workflows.text(workflow, "spec", "podSpecPatch"));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> of(String podSpecPatch) {
    if (podSpecPatch == null || podSpecPatch.isBlank()) {
      return Map.of();
    }
    try {
      Map<String, Object> patch = YAML.readValue(podSpecPatch, new TypeReference<Map<String, Object>>() {});
      return patch.get("nodeSelector") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    } catch (Exception e) {
      throw new IllegalStateException("spec.podSpecPatch is not YAML: " + podSpecPatch, e);
    }
  }
}
