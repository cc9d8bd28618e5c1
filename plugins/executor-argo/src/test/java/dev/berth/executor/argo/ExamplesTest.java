package dev.berth.executor.argo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.api.PluginConfig;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The files shipped in {@code examples/argo/} are valid: the WorkflowTemplate against Argo's
 * schema and the reference design's requirements, the RBAC as the issue asks, and the Berth config.
 */
class ExamplesTest {

  @Test
  @SuppressWarnings("unchecked")
  void theProtoGcnWorkflowTemplateIsValidArgoAndRunsTheReferenceTraining() {
    Map<String, Object> template = Examples.documents("proto-gcn-workflowtemplate.yaml").get(0);

    assertThat(template).containsEntry("apiVersion", "argoproj.io/v1alpha1").containsEntry("kind", "WorkflowTemplate");
    assertThat(((Map<String, Object>) template.get("metadata")).get("name")).isEqualTo("proto-gcn");
    assertThat(WorkflowSchema.load().specProblems(template.get("spec"))).isEmpty();
    String text = template.toString();
    assertThat(text)
        .contains("image=proto-gcn:latest")
        .contains("memory=16Gi")
        .contains("nvidia.com/gpu: \"{{workflow.parameters.gpus}}\"")
        .contains("{{workflow.parameters.config-file}}")
        .contains("{{workflow.parameters.work-dir}}")
        .contains("mountPath=/workspace/proto-gcn/data/nturgbd, readOnly=true");
    List<Map<String, Object>> parameters = WorkflowManifests.argumentParameters(template);
    assertThat(parameters).extracting(p -> p.get("name")).containsExactly("user", "gpus", "config-file", "work-dir");
  }

  @Test
  void theManifestFormIsAValidWorkflow() {
    Map<String, Object> manifest = Examples.documents("proto-gcn-workflow.yaml").get(0);

    assertThat(WorkflowSchema.load().problems(manifest)).isEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void theRoleGrantsExactlyWhatTheExecutorUses() {
    Map<String, Object> role = Examples.documents("rbac.yaml").stream()
        .filter(d -> "Role".equals(d.get("kind"))).findFirst().orElseThrow();

    assertThat((List<Map<String, Object>>) role.get("rules")).containsExactly(
        Map.of("apiGroups", List.of("argoproj.io"), "resources", List.of("workflows"),
            "verbs", List.of("create", "get", "list", "watch", "patch", "delete")),
        Map.of("apiGroups", List.of("argoproj.io"), "resources", List.of("workflowtemplates"),
            "verbs", List.of("get", "list")),
        Map.of("apiGroups", List.of(""), "resources", List.of("pods", "pods/log"),
            "verbs", List.of("get", "list", "watch")));
    assertThat(Examples.documents("rbac.yaml")).extracting(d -> d.get("kind"))
        .containsExactly("ServiceAccount", "Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding");
    Map<String, Object> nodes = Examples.documents("rbac.yaml").stream()
        .filter(d -> "ClusterRole".equals(d.get("kind"))).findFirst().orElseThrow();
    assertThat((List<Map<String, Object>>) nodes.get("rules")).containsExactly(
        Map.of("apiGroups", List.of(""), "resources", List.of("nodes"), "verbs", List.of("get")));
  }

  @Test
  @SuppressWarnings("unchecked")
  void theExampleConfigAndJobFitTogether() throws Exception {
    Map<String, Object> berth = Examples.documents("berth.yaml").get(0);
    Map<String, Object> section = (Map<String, Object>) ((Map<String, Object>) berth.get("executor")).get("argo");
    ArgoExecutorConfig config = ArgoExecutorConfig.from(new PluginConfig("executor.argo", section));
    Map<String, Object> job = new ObjectMapper().readValue(Files.readString(Examples.file("job.json")), Map.class);

    assertThat(config.namespace()).isEqualTo("berth");
    assertThat(config.templates()).containsKey((String) job.get("template"));
    assertThat(config.templates().get("proto-gcn").descriptor().parameters())
        .extracting(p -> p.name()).containsExactlyElementsOf(((Map<String, Object>) job.get("parameters")).keySet());
  }
}
