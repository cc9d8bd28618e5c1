package dev.berth.executor.argo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.ExecutionException;
import dev.berth.api.ExecutionPhase;
import dev.berth.api.ExecutionStatus;
import dev.berth.api.Job;
import dev.berth.testkit.Await;
import dev.berth.testkit.JobBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole life of a job's workflow on the mock server, with the test playing Argo's controller
 * by hand: it writes {@code status} (Argo's CRD has no status subresource), deletes workflows, and
 * checks what the executor created, patched, pushed and answered.
 */
class ArgoLifecycleTest {
  private static final Duration WAIT = Await.DEFAULT_TIMEOUT;

  @RegisterExtension final FakeArgoCluster cluster = new FakeArgoCluster();
  @TempDir Path dir;
  private ArgoHarness harness;

  private ArgoHarness start(Map<String, Object> extra) {
    Map<String, Object> config = cluster.executorConfig(dir.resolve("conf"), templates());
    config.putAll(extra);
    harness = new ArgoHarness(dir.resolve("data"), config, cluster.clock());
    return harness;
  }

  private static Map<String, Object> templates() {
    Map<String, Object> templates = new LinkedHashMap<>();
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("config-file", TestTemplates.required());
    parameters.put("work-dir", TestTemplates.required());
    templates.put("train", TestTemplates.ref("proto-gcn", parameters));
    return templates;
  }

  private static Job train(String id) {
    return ArgoHarness.job(
        id, "train", Map.of("config-file", "configs/ntu60_xsub/j.py", "work-dir", "runs/j" + id), 1);
  }

  @AfterEach
  void close() {
    if (harness != null) {
      harness.close();
    }
  }

  @Test
  void submitCreatesANamedLabelledWorkflowThatReferencesTheTemplate() {
    start(Map.of(
        "serviceAccount", "berth-runner",
        "labels", Map.of("lab", "vision"),
        "annotations", Map.of("example.org/owner", "lab-42"),
        "placement", "nodeSelector"));

    String ref = harness.executor().submit(train("5"));

    assertThat(ref).isEqualTo("berth-5");
    GenericKubernetesResource wf = cluster.workflow("berth-5");
    assertThat(wf.getApiVersion()).isEqualTo("argoproj.io/v1alpha1");
    assertThat(wf.getKind()).isEqualTo("Workflow");
    assertThat(wf.getMetadata().getNamespace()).isEqualTo(FakeArgoCluster.NAMESPACE);
    assertThat(wf.getMetadata().getLabels())
        .containsEntry("berth.dev/job-id", "5")
        .containsEntry("berth.dev/user", "alice")
        .containsEntry("app.kubernetes.io/managed-by", "berth")
        .containsEntry("lab", "vision");
    assertThat(wf.getMetadata().getAnnotations())
        .containsEntry("example.org/owner", "lab-42")
        .containsEntry("berth.dev/submitted-at", "2026-03-01T10:00:00Z");
    assertThat(Workflows.text(wf, "spec", "workflowTemplateRef", "name")).isEqualTo("proto-gcn");
    assertThat(Workflows.text(wf, "spec", "serviceAccountName")).isEqualTo("berth-runner");
    assertThat(NodePins.of(wf)).containsEntry("kubernetes.io/hostname", "gpu-node-1");
    assertThat(Workflows.section(wf, "spec", "arguments").get("parameters"))
        .isEqualTo(List.of(
            Map.of("name", "config-file", "value", "configs/ntu60_xsub/j.py"),
            Map.of("name", "work-dir", "value", "runs/j5"),
            Map.of("name", "user", "value", "alice"),
            Map.of("name", "gpus", "value", "1")));
  }

  @Test
  void theJobFollowsTheWorkflowThroughItsPhases() {
    start(Map.of());
    Job job = train("1");
    harness.executor().submit(job);
    cluster.setPhase("berth-1", "Pending");
    assertThat(harness.pushed().awaitPhase("1", ExecutionPhase.PENDING, WAIT).executorRef()).isEqualTo("berth-1");

    cluster.run("berth-1");
    ExecutionStatus running = harness.pushed().awaitPhase("1", ExecutionPhase.RUNNING, WAIT);
    assertThat(running.startedAt()).isNotNull();
    assertThat(harness.executor().status(job)).map(ExecutionStatus::phase).contains(ExecutionPhase.RUNNING);
    assertThat(harness.executor().active()).extracting(ExecutionStatus::jobId).containsExactly("1");

    cluster.setPhase("berth-1", "Succeeded");
    ExecutionStatus end = harness.pushed().awaitPhase("1", ExecutionPhase.SUCCEEDED, WAIT);
    assertThat(end.exitCode()).isZero();
    assertThat(end.finishedAt()).isNotNull();
    assertThat(end.startedAt()).isEqualTo(running.startedAt());
    assertThat(harness.executor().status(job)).contains(end);
    assertThat(harness.executor().active()).isEmpty();
  }

  @Test
  void failedAndErroredWorkflowsFailTheJobWithArgosMessage() {
    start(Map.of());
    harness.executor().submit(train("1"));
    harness.executor().submit(train("2"));

    cluster.fail("berth-1", "Failed", "Error (exit code 3)", 3);
    cluster.fail("berth-2", "Error", "pod deleted", null);

    ExecutionStatus failed = harness.pushed().awaitFinished("1", WAIT);
    assertThat(failed.phase()).isEqualTo(ExecutionPhase.FAILED);
    assertThat(failed.exitCode()).isEqualTo(3);
    assertThat(failed.message()).isEqualTo("Error (exit code 3)");
    ExecutionStatus errored = harness.pushed().awaitFinished("2", WAIT);
    assertThat(errored.phase()).isEqualTo(ExecutionPhase.FAILED);
    assertThat(errored.message()).isEqualTo("pod deleted");
  }

  @Test
  void aWorkflowDeletedBehindBerthsBackFailsTheJobAndIsNotRecreated() {
    start(Map.of());
    Job job = train("3");
    harness.executor().submit(job);
    cluster.run("berth-3");
    harness.pushed().awaitPhase("3", ExecutionPhase.RUNNING, WAIT);

    cluster.workflows().withName("berth-3").delete();

    ExecutionStatus end = harness.pushed().awaitFinished("3", WAIT);
    assertThat(end.phase()).isEqualTo(ExecutionPhase.FAILED);
    assertThat(end.message()).isEqualTo(WorkflowStatuses.DELETED_UNSEEN);
    assertThat(harness.executor().status(job)).contains(end);
    assertThat(harness.executor().submit(job)).isEqualTo("berth-3");
    assertThat(cluster.workflow("berth-3")).isNull();
  }

  @Test
  void aRunningJobWhoseWorkflowVanishedWhileBerthWasDownIsFailedAsDeleted() {
    start(Map.of());
    Job never = train("8");

    assertThat(harness.executor().status(never)).isEmpty();
    ExecutionStatus gone = harness.executor().status(ArgoHarness.running(train("9"))).orElseThrow();
    assertThat(gone.phase()).isEqualTo(ExecutionPhase.FAILED);
    assertThat(gone.message()).isEqualTo(WorkflowStatuses.DELETED_UNSEEN);
  }

  @Test
  void cancelPatchesSpecShutdownAndTheJobEndsCancelledWhenTheWorkflowStops() {
    start(Map.of());
    Job job = train("4");
    harness.executor().submit(job);
    cluster.run("berth-4");

    harness.executor().cancel(job);

    assertThat(Workflows.shutdown(cluster.workflow("berth-4"))).isEqualTo("Terminate");
    assertThat(Workflows.phase(cluster.workflow("berth-4"))).isEqualTo("Running");
    cluster.fail("berth-4", "Failed", "Stopped with strategy 'Terminate'", null);
    ExecutionStatus end = harness.pushed().awaitFinished("4", WAIT);
    assertThat(end.phase()).isEqualTo(ExecutionPhase.CANCELLED);
    assertThat(end.message()).contains("Terminate");
  }

  @Test
  void theShutdownStrategyIsConfigurable() {
    start(Map.of("shutdown", "Stop"));
    Job job = train("4");
    harness.executor().submit(job);
    cluster.run("berth-4");

    harness.executor().cancel(job);

    assertThat(Workflows.shutdown(cluster.workflow("berth-4"))).isEqualTo("Stop");
  }

  @Test
  void cancelLeavesAFinishedWorkflowAlone() {
    start(Map.of());
    Job job = train("4");
    harness.executor().submit(job);
    cluster.fail("berth-4", "Failed", "Error (exit code 1)", 1);

    harness.executor().cancel(job);

    assertThat(Workflows.shutdown(cluster.workflow("berth-4"))).isEmpty();
    assertThat(harness.executor().status(job)).map(ExecutionStatus::phase).contains(ExecutionPhase.FAILED);
  }

  @Test
  void aRestartedExecutorReconcilesEveryWorkflowFromTheCluster() {
    start(Map.of());
    for (String id : List.of("1", "2", "3")) {
      harness.executor().submit(train(id));
      cluster.run("berth-" + id);
    }
    harness.pushed().awaitPhase("3", ExecutionPhase.RUNNING, WAIT);
    harness.executor().close();

    cluster.setPhase("berth-1", "Succeeded");
    cluster.fail("berth-2", "Failed", "Error (exit code 2)", 2);
    harness.restart();

    assertThat(harness.pushed().awaitFinished("1", WAIT).phase()).isEqualTo(ExecutionPhase.SUCCEEDED);
    assertThat(harness.pushed().awaitFinished("2", WAIT).exitCode()).isEqualTo(2);
    assertThat(harness.pushed().awaitPhase("3", ExecutionPhase.RUNNING, WAIT).executorRef()).isEqualTo("berth-3");
    assertThat(harness.executor().active()).extracting(ExecutionStatus::jobId).containsExactly("3");
  }

  @Test
  void anExistingWorkflowOfTheSameJobIsAdoptedNotDuplicated() throws Exception {
    start(Map.of());
    Job job = train("7");
    // What a Berth that died right after creating the workflow left behind.
    GenericKubernetesResource left =
        new WorkflowRenderer(ArgoExecutorConfig.from(new dev.berth.api.PluginConfig("argo", Map.of("templates", templates()))), new WorkflowIdentity("berth"),
            java.util.Set.of())
            .render(job, FakeArgoCluster.NAMESPACE);
    cluster.workflows().resource(left).create();
    cluster.run("berth-7");

    assertThat(harness.executor().submit(job)).isEqualTo("berth-7");
    assertThat(cluster.workflows().withLabel("berth.dev/job-id", "7").list().getItems()).hasSize(1);
    assertThat(harness.executor().status(job)).map(ExecutionStatus::phase).contains(ExecutionPhase.RUNNING);
  }

  @Test
  void aWorkflowOfTheSameNameThatBerthDidNotCreateForTheJobIsRefused() {
    start(Map.of());
    Job job = train("7");
    harness.executor().submit(job);
    Job sameIdNewDatabase =
        JobBuilder.from(job).name("other").user("bob").submittedAt(Instant.parse("2026-05-01T00:00:00Z")).build();

    assertThatThrownBy(() -> harness.executor().submit(sameIdNewDatabase))
        .isInstanceOf(ExecutionException.class)
        .hasMessageContaining("already exists")
        .hasMessageContaining("was not created for this job");
    assertThat(harness.executor().status(sameIdNewDatabase)).isEmpty();
    harness.executor().cancel(sameIdNewDatabase);
    assertThat(Workflows.shutdown(cluster.workflow("berth-7"))).isEmpty();
  }

  @Test
  void aRefusedWorkflowFailsTheSubmissionWithTheServersReason() {
    start(Map.of());

    assertThatThrownBy(() -> harness.executor().submit(ArgoHarness.job("1", "nope", Map.of(), 0)))
        .isInstanceOf(ExecutionException.class)
        .hasMessageContaining("unknown template 'nope'");
  }

  @Test
  void statusChangesMadeWhileTheWatchWasCutArePushedOnceItIsBack() throws Exception {
    try (TcpProxy proxy = new TcpProxy(cluster.port())) {
      Map<String, Object> config = cluster.executorConfig(dir.resolve("conf"), templates(), proxy.port());
      harness = new ArgoHarness(dir.resolve("data"), config, cluster.clock());
      harness.executor().submit(train("1"));
      cluster.run("berth-1");
      harness.pushed().awaitPhase("1", ExecutionPhase.RUNNING, WAIT);

      proxy.cut();
      cluster.setPhase("berth-1", "Succeeded");
      proxy.restore();

      assertThat(harness.pushed().awaitFinished("1", WAIT).phase()).isEqualTo(ExecutionPhase.SUCCEEDED);
    }
  }

  @Test
  void anUnreachableApiServerLeavesTheJobToBeSubmittedAgain() throws Exception {
    try (TcpProxy proxy = new TcpProxy(cluster.port())) {
      Map<String, Object> config = cluster.executorConfig(dir.resolve("conf"), templates(), proxy.port());
      harness = new ArgoHarness(dir.resolve("data"), config, cluster.clock());
      Job job = train("2");
      proxy.cut();

      assertThat(harness.executor().submit(job)).isEqualTo("berth-2");
      assertThat(cluster.workflow("berth-2")).isNull();

      proxy.restore();
      assertThat(harness.executor().status(job)).isEmpty();
      assertThat(harness.executor().submit(job)).isEqualTo("berth-2");
      assertThat(cluster.workflow("berth-2")).isNotNull();
    }
  }
}
