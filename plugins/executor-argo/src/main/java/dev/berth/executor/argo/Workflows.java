package dev.berth.executor.argo;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.Map;

/**
 * Where Argo's {@code Workflow} lives in the Kubernetes API, and typed reads of the few fields Berth
 * looks at. Workflows are handled as {@link GenericKubernetesResource}: Berth needs no generated
 * model, so any Argo version whose {@code Workflow} has these fields works.
 */
final class Workflows {
  static final String API_VERSION = "argoproj.io/v1alpha1";
  static final String KIND = "Workflow";

  /** {@code argoproj.io/v1alpha1}, plural {@code workflows}, namespaced. */
  static final ResourceDefinitionContext CONTEXT =
      new ResourceDefinitionContext.Builder()
          .withGroup("argoproj.io")
          .withVersion("v1alpha1")
          .withKind(KIND)
          .withPlural("workflows")
          .withNamespaced(true)
          .build();

  /** The label Argo puts on every pod of a workflow, with the workflow's name as value. */
  static final String POD_WORKFLOW_LABEL = "workflows.argoproj.io/workflow";

  private Workflows() {}

  /** {@code status.phase}; empty when the controller has not picked the workflow up yet. */
  static String phase(GenericKubernetesResource workflow) {
    return text(workflow, "status", "phase");
  }

  /** {@code spec.shutdown}: set when someone asked the workflow to stop. */
  static String shutdown(GenericKubernetesResource workflow) {
    return text(workflow, "spec", "shutdown");
  }

  /** Whether the workflow has ended, successfully or not. */
  static boolean isFinished(GenericKubernetesResource workflow) {
    return isFinishedPhase(phase(workflow));
  }

  static boolean isFinishedPhase(String phase) {
    return "Succeeded".equals(phase) || "Failed".equals(phase) || "Error".equals(phase);
  }

  /** The string at {@code path}, or "" when any step is missing or not a map. */
  static String text(GenericKubernetesResource workflow, String... path) {
    Object node = workflow.getAdditionalProperties();
    for (String key : path) {
      if (!(node instanceof Map<?, ?> map)) {
        return "";
      }
      node = map.get(key);
    }
    return node == null ? "" : node.toString();
  }

  /** The map at {@code path}, or an empty map. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> section(GenericKubernetesResource workflow, String... path) {
    Object node = workflow.getAdditionalProperties();
    for (String key : path) {
      if (!(node instanceof Map<?, ?> map)) {
        return Map.of();
      }
      node = map.get(key);
    }
    return node instanceof Map<?, ?> ? (Map<String, Object>) node : Map.of();
  }
}
