package dev.berth.executor.argo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.JobTemplate;
import dev.berth.api.ParameterKind;
import dev.berth.api.PluginConfig;
import dev.berth.api.TemplateParameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code executor.argo} section: defaults, and a clear error naming the key for each mistake. */
class ArgoExecutorConfigTest {
  @TempDir Path dir;

  private static ArgoExecutorConfig read(Map<String, Object> values) {
    return ArgoExecutorConfig.from(new PluginConfig("executor.argo", values));
  }

  private static void refused(Map<String, Object> values, String message) {
    assertThatThrownBy(() -> read(values)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
  }

  @Test
  void defaultsOfferProtoGcnAndStopWorkflowsWithTerminate() {
    ArgoExecutorConfig config = read(Map.of());

    assertThat(config.namespace()).isEmpty();
    assertThat(config.kubeconfig()).isNull();
    assertThat(config.shutdown()).isEqualTo("Terminate");
    assertThat(config.placement()).isEqualTo(PlacementMode.AUTO);
    assertThat(config.nodeParameter()).isEqualTo("node");
    assertThat(config.resync()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.logContainer()).isEqualTo("main");
    JobTemplate protoGcn = config.templates().get("proto-gcn").descriptor();
    assertThat(protoGcn.parameters()).containsExactly(
        new TemplateParameter("config-file", ParameterKind.PATH, true, null, "Training config, e.g. configs/ntu60_xsub/j.py"),
        new TemplateParameter("work-dir", ParameterKind.RELATIVE_PATH, true, null, "Where checkpoints and logs go"));
    assertThat(config.templates().get("proto-gcn").source()).isEqualTo(new WorkflowSource.TemplateRef("proto-gcn", false));
  }

  @Test
  void aManifestTemplateOffersTheManifestsArgumentsButNotBerthsOwn() {
    ArgoExecutorConfig config = read(Map.of("templates", Map.of("proto-gcn",
        Map.of("manifest", Examples.file("proto-gcn-workflow.yaml").toString()))));

    assertThat(config.templates().get("proto-gcn").descriptor().parameters()).containsExactly(
        new TemplateParameter("config-file", ParameterKind.TEXT, true, null, ""),
        new TemplateParameter("work-dir", ParameterKind.TEXT, true, null, ""));
  }

  @Test
  void mistakesNameTheirKey() throws Exception {
    refused(Map.of("shutdown", "Kill"), "config executor.argo.shutdown must be Terminate or Stop, was 'Kill'");
    refused(Map.of("placement", "anywhere"), "config executor.argo.placement must be auto, nodeSelector, parameter or none");
    refused(Map.of("namespace", "Not_A_Namespace"), "config executor.argo.namespace must be a namespace name");
    refused(Map.of("resyncSeconds", 0), "config executor.argo.resyncSeconds must be from 1 to 86400, was '0'");
    refused(Map.of("logPollSeconds", 0), "config executor.argo.logPollSeconds must be from 1 to 300, was '0'");
    refused(Map.of("installation", "Vision_Lab"),
        "config executor.argo.installation must be a DNS label of at most 40 lower-case letters, digits and '-', was 'Vision_Lab'");
    refused(Map.of("installation", "x".repeat(41)), "config executor.argo.installation must be a DNS label");
    refused(Map.of("labels", Map.of("team", "vision lab")), "config executor.argo.labels.team must be a label value");
    refused(Map.of("labels", Map.of("berth.dev/job-id", "1")), "config executor.argo.labels.berth.dev/job-id must be a key outside berth.dev/");
    refused(Map.of("templates", Map.of("t", Map.of("workflowTemplate", "Bad Name"))),
        "config executor.argo.templates.t.workflowTemplate must be a Kubernetes object name");
    refused(Map.of("templates", Map.of("t", Map.of("workflowTemplate", "t", "manifest", "/x.yaml"))),
        "config executor.argo.templates.t: set either workflowTemplate or manifest, not both");
    refused(Map.of("templates", Map.of("t", Map.of("parameters", Map.of("data.set", Map.of())))),
        "config executor.argo.templates.t.parameters.data.set: an Argo parameter name may hold only letters, digits, '-' and '_'");
    refused(Map.of("templates", Map.of("t", Map.of("parameters", Map.of("gpus", Map.of())))),
        "'gpus' is filled by Berth for every workflow");
    refused(Map.of("templates", Map.of("t", Map.of("parameters", Map.of("x", Map.of("kind", "number"))))),
        "config executor.argo.templates.t.parameters.x.kind must be text, relative-path or path, was 'number'");
    refused(Map.of("templates", Map.of("t", Map.of("manifest", dir.resolve("missing.yaml").toString()))),
        "config executor.argo.templates.t.manifest: cannot read the workflow manifest");
    Path notAWorkflow = Files.writeString(dir.resolve("pod.yaml"), "apiVersion: v1\nkind: Pod\nspec: {}\n");
    refused(Map.of("templates", Map.of("t", Map.of("manifest", notAWorkflow.toString()))),
        "must hold one apiVersion argoproj.io/v1alpha1 kind Workflow, found v1 Pod");
    Path broken = Files.writeString(dir.resolve("broken.yaml"), "spec: [unclosed\n");
    refused(Map.of("templates", Map.of("t", Map.of("manifest", broken.toString()))), "is not valid YAML");
  }

  @Test
  void theNodeParameterIsReservedWhenPlacementUsesIt() {
    refused(Map.of("placement", "parameter", "templates", Map.of("t", Map.of("parameters", Map.of("node", Map.of())))),
        "'node' is filled by Berth");
    assertThat(read(Map.of("templates", Map.of("t", Map.of("parameters", Map.of("node", Map.of())))))
        .templates().get("t").descriptor().parameters()).extracting(TemplateParameter::name).containsExactly("node");
  }
}
