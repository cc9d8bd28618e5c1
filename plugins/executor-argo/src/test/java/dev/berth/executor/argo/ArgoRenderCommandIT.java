package dev.berth.executor.argo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code berth argo render} end to end: the launcher in its own JVM loads the packaged plugin jar
 * with pf4j, checks the job file with the API's rules and prints the Workflow, while a kubeconfig
 * points at a listening socket that must never see a connection.
 */
class ArgoRenderCommandIT {
  @TempDir Path dir;
  private ServerSocket cluster;
  private final AtomicInteger connections = new AtomicInteger();

  @BeforeEach
  void layOutBerth() throws IOException {
    Path plugins = Files.createDirectories(dir.resolve("plugins"));
    Path jar = Path.of(System.getProperty("argo.plugin.jar"));
    Files.copy(jar, plugins.resolve(jar.getFileName()));
    cluster = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread counter =
        new Thread(
            () -> {
              while (!cluster.isClosed()) {
                try {
                  Socket accepted = cluster.accept();
                  connections.incrementAndGet();
                  accepted.close();
                } catch (IOException e) {
                  return;
                }
              }
            });
    counter.setDaemon(true);
    counter.start();
    Files.writeString(
        dir.resolve("kubeconfig"),
        "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: http://127.0.0.1:"
            + cluster.getLocalPort()
            + "\ncontexts:\n- name: c\n  context:\n    cluster: c\n    user: u\n    namespace: from-kubeconfig\n"
            + "current-context: c\nusers:\n- name: u\n  user:\n    token: t\n");
    Files.writeString(
        dir.resolve("berth.yaml"),
        "dataDir: " + dir.resolve("data") + "\n"
            + "pluginsDir: " + plugins + "\n"
            + "executor:\n"
            + "  argo:\n"
            + "    kubeconfig: " + dir.resolve("kubeconfig") + "\n"
            + "    namespace: ml\n"
            + "    serviceAccount: argo-workflow\n");
  }

  @AfterEach
  void stopCluster() throws IOException {
    cluster.close();
  }

  @Test
  void rendersTheProtoGcnWorkflowWithoutTouchingTheCluster() throws Exception {
    Files.writeString(
        dir.resolve("job.json"),
        "{\"user\":\"alice\",\"template\":\"proto-gcn\",\"gpus\":2,"
            + "\"parameters\":{\"config-file\":\"configs/ntu60_xsub/j.py\",\"work-dir\":\"runs/j1\"}}");

    BerthCli.Result result =
        BerthCli.run(dir, "argo", "render", "--config", "berth.yaml", "--job-file", "job.json",
            "--job-id", "12", "--node", "gpu-node-3");

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    Map<String, Object> workflow =
        new ObjectMapper(new YAMLFactory()).readValue(result.stdout(), new TypeReference<>() {});
    assertThat(workflow).containsEntry("apiVersion", "argoproj.io/v1alpha1").containsEntry("kind", "Workflow");
    assertThat(path(workflow, "metadata", "name")).isEqualTo("berth-12");
    assertThat(path(workflow, "metadata", "namespace")).isEqualTo("ml");
    assertThat(path(workflow, "spec", "workflowTemplateRef", "name")).isEqualTo("proto-gcn");
    assertThat(path(workflow, "spec", "serviceAccountName")).isEqualTo("argo-workflow");
    // The pin is a Workflow-level podSpecPatch, which Argo merges into a template's own nodeSelector.
    assertThat(path(workflow, "spec", "nodeSelector")).isNull();
    assertThat(NodePins.of((String) path(workflow, "spec", "podSpecPatch")))
        .containsEntry("kubernetes.io/hostname", "gpu-node-3");
    // The same patch gives the training container Berth's variables; a new job is attempt 1.
    assertThat((String) path(workflow, "spec", "podSpecPatch"))
        .contains("{\"name\":\"BERTH_JOB_ID\",\"value\":\"12\"},{\"name\":\"BERTH_ATTEMPT\",\"value\":\"1\"}");
    assertThat(path(workflow, "metadata", "labels", "berth.dev/attempt")).isEqualTo("1");
    assertThat(path(workflow, "spec", "arguments", "parameters"))
        .isEqualTo(List.of(
            Map.of("name", "config-file", "value", "configs/ntu60_xsub/j.py"),
            Map.of("name", "work-dir", "value", "runs/j1"),
            Map.of("name", "user", "value", "alice"),
            Map.of("name", "gpus", "value", "2"),
            // The server's default time limit (limits.defaultTimeLimitMinutes, 1440), for the step template.
            Map.of("name", "time-limit-seconds", "value", "86400")));
    assertThat(WorkflowSchema.load().problems(workflow)).isEmpty();
    assertThat(connections.get()).as("connections to the cluster").isZero();
  }

  @Test
  void theGenericRenderCommandGivesTheSameWorkflow() throws Exception {
    Files.writeString(
        dir.resolve("job.json"),
        "{\"user\":\"alice\",\"template\":\"proto-gcn\",\"gpus\":1,"
            + "\"parameters\":{\"config-file\":\"configs/ntu60_xsub/j.py\",\"work-dir\":\"runs/j1\"}}");

    BerthCli.Result old =
        BerthCli.run(dir, "argo", "render", "--config", "berth.yaml", "--job-file", "job.json", "--job-id", "5");
    BerthCli.Result generic = BerthCli.run(dir, "render", "--executor", "argo", "--config", "berth.yaml",
        "--job-file", "job.json", "--job-id", "5");

    assertThat(generic.exitCode()).as(generic.stderr()).isZero();
    // Each run stamps its own submission time; everything else is the same workflow.
    assertThat(withoutSubmissionTime(generic.stdout())).isEqualTo(withoutSubmissionTime(old.stdout()))
        .contains("berth.dev/job-id: \"5\"");
  }

  @Test
  void anExecutorThatIsNotInstalledIsNamed() throws Exception {
    Files.writeString(dir.resolve("job.json"), "{\"user\":\"alice\",\"template\":\"proto-gcn\"}");

    BerthCli.Result result = BerthCli.run(dir, "render", "--executor", "nosuch", "--config", "berth.yaml",
        "--job-file", "job.json");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr()).contains("no plugin 'nosuch' provides JobExecutor");
  }

  @Test
  void aBadJobFileIsRefusedWithEveryFieldError() throws Exception {
    Files.writeString(
        dir.resolve("job.json"),
        "{\"template\":\"proto-gcn\",\"gpus\":9,\"parameters\":{\"config-file\":\"../x.py\",\"lr\":\"0.1\"}}");

    BerthCli.Result result =
        BerthCli.run(dir, "argo", "render", "--config", "berth.yaml", "--job-file", "job.json");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr())
        .contains("job.json: user: is required")
        .contains("job.json: gpus: must be from 0 to 8, was 9")
        .contains("job.json: parameters.config-file: must not contain '..'")
        .contains("job.json: parameters.lr: is not a parameter of template 'proto-gcn'")
        .contains("job.json: parameters.work-dir: is required");
    assertThat(connections.get()).isZero();
  }

  @Test
  void aJobFileThatIsNoJsonIsRefused() throws Exception {
    Files.writeString(dir.resolve("job.json"), "{\"user\": \"alice\",");

    BerthCli.Result result =
        BerthCli.run(dir, "argo", "render", "--config", "berth.yaml", "--job-file", "job.json");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr()).contains("job.json is not valid JSON");
  }

  private static String withoutSubmissionTime(String yaml) {
    return yaml.replaceAll("(?m)^.*submitted-at:.*$", "");
  }

  @SuppressWarnings("unchecked")
  private static Object path(Map<String, Object> root, String... keys) {
    Object node = root;
    for (String key : keys) {
      node = node instanceof Map<?, ?> m ? ((Map<String, Object>) m).get(key) : null;
    }
    return node;
  }
}
