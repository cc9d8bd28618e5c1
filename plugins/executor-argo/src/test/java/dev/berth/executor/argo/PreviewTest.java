package dev.berth.executor.argo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.ExecutionException;
import dev.berth.api.Job;
import dev.berth.testkit.SettableClock;
import dev.berth.testkit.TestPluginContext;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code preview}: the Workflow as YAML, exactly what {@code submit} sends, without a cluster. */
class PreviewTest {
  @TempDir Path dir;

  private ArgoJobExecutor executor(Map<String, Object> config) {
    return new ArgoJobExecutor(new TestPluginContext("argo", config, new SettableClock(), dir));
  }

  @Test
  void previewIsTheRenderedWorkflowAsYaml() {
    Job job = ArgoHarness.job("12", "proto-gcn", Map.of("config-file", "configs/ntu60_xsub/j.py", "work-dir", "runs/j1"), 1);
    try (ArgoJobExecutor executor = executor(Map.of("namespace", "ml"))) {
      String yaml = executor.preview(job);

      assertThat(executor.previewMediaType()).isEqualTo("application/yaml");
      assertThat(yaml).startsWith("---\napiVersion: \"argoproj.io/v1alpha1\"\nkind: \"Workflow\"\nmetadata:\n");
      Map<String, Object> parsed = Examples.parse(yaml);
      assertThat(parsed).isEqualTo(Examples.parse(new io.fabric8.kubernetes.client.utils.KubernetesSerialization()
          .asYaml(new WorkflowRenderer(ArgoExecutorConfig.from(new dev.berth.api.PluginConfig("argo", Map.of())),
              new WorkflowIdentity("berth"), java.util.Set.of()).render(job, "ml"))));
      assertThat(WorkflowSchema.load().problems(parsed)).isEmpty();
    }
  }

  @Test
  void theNamespaceComesFromTheKubeconfigWhenNotConfigured() throws Exception {
    Path kubeconfig = java.nio.file.Files.writeString(dir.resolve("kubeconfig"),
        "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {server: 'http://127.0.0.1:1'}\n"
            + "contexts:\n- name: c\n  context: {cluster: c, user: u, namespace: vision}\n"
            + "current-context: c\nusers:\n- name: u\n  user: {token: t}\n");
    Job job = ArgoHarness.job("1", "proto-gcn", Map.of("config-file", "a.py", "work-dir", "w"), 0);
    try (ArgoJobExecutor executor = executor(Map.of("kubeconfig", kubeconfig.toString()))) {
      assertThat(Examples.parse(executor.preview(job)).get("metadata").toString()).contains("namespace=vision");
    }
  }

  @Test
  void anUnknownTemplateIsExplained() {
    try (ArgoJobExecutor executor = executor(Map.of())) {
      assertThatThrownBy(() -> executor.preview(ArgoHarness.job("1", "x", Map.of(), 0)))
          .isInstanceOf(ExecutionException.class)
          .hasMessageContaining("unknown template 'x'");
    }
  }

  @Test
  void aMissingKubeconfigFileIsAConfigError() {
    assertThatThrownBy(() -> executor(Map.of("kubeconfig", dir.resolve("nope").toString())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("config executor.argo.kubeconfig: cannot read");
  }
}
