package dev.berth.executor.argo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.ExecutionException;
import dev.berth.api.Job;
import dev.berth.api.PluginConfig;
import dev.berth.testkit.JobBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What Berth creates for a job, for each template source and placement mode. */
class WorkflowRendererTest {
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private static WorkflowRenderer renderer(Map<String, Object> config) {
    return new WorkflowRenderer(ArgoExecutorConfig.from(new PluginConfig("executor.argo", config)), new WorkflowIdentity("berth"), Set.of("ws-1"));
  }

  private static Job protoGcn(String user, String node) {
    Job job = ArgoHarness.job("3", "proto-gcn",
        Map.of("config-file", "configs/ntu60_xsub/j.py", "work-dir", "runs/j1"), 1);
    return JobBuilder.from(job)
        .name("ntu60 xsub joint")
        .user(user)
        .placement(node == null ? null : new dev.berth.api.Placement(node, List.of(0)))
        .build();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(GenericKubernetesResource workflow) {
    return JSON.convertValue(workflow, Map.class);
  }

  @Test
  void theDefaultTemplateReferencesTheProtoGcnWorkflowTemplate() {
    Map<String, Object> wf = asMap(renderer(Map.of()).render(protoGcn("alice", "ws-1"), "ml"));

    assertThat(wf).isEqualTo(Examples.parse("""
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          annotations:
            berth.dev/user: alice
            berth.dev/job-name: ntu60 xsub joint
            berth.dev/template: proto-gcn
            berth.dev/submitted-at: "2026-03-01T10:00:00Z"
            berth.dev/installation: berth
          labels:
            app.kubernetes.io/managed-by: berth
            berth.dev/installation: berth
            berth.dev/job-id: "3"
            berth.dev/attempt: "1"
            berth.dev/user: alice
          name: berth-3
          namespace: ml
        spec:
          workflowTemplateRef:
            name: proto-gcn
          podSpecPatch: '{"containers":[{"name":"main","env":[{"name":"BERTH_JOB_ID","value":"3"},{"name":"BERTH_ATTEMPT","value":"1"}]}]}'
          podMetadata:
            labels:
              berth.dev/installation: berth
              berth.dev/job-id: "3"
              berth.dev/attempt: "1"
          arguments:
            parameters:
              - {name: config-file, value: configs/ntu60_xsub/j.py}
              - {name: work-dir, value: runs/j1}
              - {name: user, value: alice}
              - {name: gpus, value: "1"}
        """));
    assertThat(WorkflowSchema.load().problems(wf)).isEmpty();
  }

  @Test
  void theJobsTimeLimitIsTheTimeLimitParameterNotAWorkflowDeadline() {
    Job limited = JobBuilder.from(protoGcn("alice", null)).timeLimitSeconds(7200).build();

    GenericKubernetesResource wf = renderer(Map.of()).render(limited, "ml");

    // A Workflow-level deadline counts from status.startedAt, so it would count the wait for a GPU;
    // the step template bounds the pod with the parameter instead.
    assertThat(Workflows.section(wf, "spec")).doesNotContainKey("activeDeadlineSeconds");
    assertThat(Workflows.section(wf, "spec", "arguments").get("parameters").toString())
        .contains("name=time-limit-seconds").contains("value=7200");
    assertThat(Workflows.section(renderer(Map.of()).render(protoGcn("alice", null), "ml"), "spec", "arguments")
        .get("parameters").toString())
        .as("a job without a limit passes none")
        .doesNotContain("time-limit-seconds");
  }

  @Test
  void aClusterWorkflowTemplateIsReferencedWithClusterScope() {
    Map<String, Object> config = Map.of("templates", Map.of("proto-gcn",
        Map.of("workflowTemplate", "shared-proto-gcn", "clusterScope", true)));

    GenericKubernetesResource wf = renderer(config).render(protoGcn("alice", null), "ml");

    assertThat(Workflows.section(wf, "spec", "workflowTemplateRef"))
        .isEqualTo(Map.of("name", "shared-proto-gcn", "clusterScope", true));
  }

  @Test
  void aManifestFileIsSubmittedWithBerthsNameLabelsAndArgumentValues() {
    Map<String, Object> config = Map.of("templates", Map.of("proto-gcn",
        Map.of("manifest", Examples.file("proto-gcn-workflow.yaml").toString())));

    Map<String, Object> wf = asMap(renderer(config).render(protoGcn("alice", "gpu-node-2"), "ml"));

    Map<String, Object> manifest = Examples.documents("proto-gcn-workflow.yaml").get(0);
    @SuppressWarnings("unchecked")
    Map<String, Object> meta = (Map<String, Object>) wf.get("metadata");
    assertThat(meta).containsEntry("name", "berth-3").doesNotContainKey("generateName");
    @SuppressWarnings("unchecked")
    Map<String, Object> spec = (Map<String, Object>) wf.get("spec");
    @SuppressWarnings("unchecked")
    Map<String, Object> manifestSpec = (Map<String, Object>) manifest.get("spec");
    assertThat(spec.get("templates")).isEqualTo(manifestSpec.get("templates"));
    assertThat(spec.get("volumes")).isEqualTo(manifestSpec.get("volumes"));
    assertThat(spec).containsEntry("entrypoint", "train").doesNotContainKey("nodeSelector");
    assertThat(NodePins.of((String) spec.get("podSpecPatch"))).isEqualTo(Map.of("kubernetes.io/hostname", "gpu-node-2"));
    assertThat(((Map<?, ?>) spec.get("arguments")).get("parameters")).isEqualTo(List.of(
        Map.of("name", "user", "value", "alice"),
        Map.of("name", "gpus", "value", "1"),
        Map.of("name", "config-file", "value", "configs/ntu60_xsub/j.py"),
        Map.of("name", "work-dir", "value", "runs/j1")));
    assertThat(WorkflowSchema.load().problems(wf)).isEmpty();
  }

  @Test
  void aManifestsOwnWorkflowLevelPodSpecPatchKeepsItsFieldsAndGetsThePin(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    Path file = Files.writeString(dir.resolve("wf.yaml"), """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {generateName: train-}
        spec:
          entrypoint: main
          podSpecPatch: |
            nodeSelector:
              pool: a100
            priorityClassName: training
          templates:
            - name: main
              container: {image: busybox}
        """);
    Map<String, Object> config = Map.of("templates", Map.of("t", Map.of("manifest", file.toString())));
    Job job = protoGcn("alice", "gpu-node-2");
    Job onT = new Job(job.id(), job.name(), job.user(), "t", Map.of(), job.gpus(), job.priority(), job.state(),
        job.submittedAt(), job.scheduledAt(), null, null, job.placement(), null, null, null);

    GenericKubernetesResource wf = renderer(config).render(onT, "ml", "gpu2.lab.example");

    String patch = Workflows.text(wf, "spec", "podSpecPatch");
    assertThat(NodePins.of(patch)).isEqualTo(Map.of("pool", "a100", "kubernetes.io/hostname", "gpu2.lab.example"));
    assertThat(patch).contains("\"priorityClassName\":\"training\"");
  }

  @Test
  void aRetryOfAnArrayElementIsARunOfItsOwnWithBerthsVariablesOnTheTrainingContainer() {
    Job job = protoGcn("alice", "gpu-node-2");
    Job retry = job.withFlow(job.flow().withArray(4, 2).withArrayId("10").withAttempt(2));

    GenericKubernetesResource wf = renderer(Map.of("logContainer", "trainer")).render(retry, "ml");

    assertThat(wf.getMetadata().getName()).isEqualTo("berth-3-a2");
    assertThat(wf.getMetadata().getLabels()).containsEntry("berth.dev/job-id", "3").containsEntry("berth.dev/attempt", "2");
    assertThat(Workflows.section(wf, "spec", "podMetadata").get("labels"))
        .isEqualTo(Map.of("berth.dev/installation", "berth", "berth.dev/job-id", "3", "berth.dev/attempt", "2"));
    String patch = Workflows.text(wf, "spec", "podSpecPatch");
    assertThat(NodePins.of(patch)).isEqualTo(Map.of("kubernetes.io/hostname", "gpu-node-2"));
    assertThat(patch).contains("\"containers\":[{\"name\":\"trainer\",\"env\":["
        + "{\"name\":\"BERTH_JOB_ID\",\"value\":\"3\"},{\"name\":\"BERTH_ATTEMPT\",\"value\":\"2\"},"
        + "{\"name\":\"BERTH_ARRAY_INDEX\",\"value\":\"4\"},{\"name\":\"BERTH_ARRAY_ID\",\"value\":\"10\"}]}]");
    assertThat(WorkflowSchema.load().problems(
        new KubernetesSerialization().convertValue(wf, Map.class))).isEmpty();
  }

  @Test
  void aManifestMayUseTheJobsPlaceholdersAndKeepsItsOwnPatchAndShellVariables(
      @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("wf.yaml"), """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {generateName: sweep-}
        spec:
          entrypoint: main
          podSpecPatch: '{"containers":[{"name":"main","env":[{"name":"SEED","value":"1"},{"name":"BERTH_ATTEMPT","value":"x"}]}]}'
          templates:
            - name: main
              container:
                image: busybox
                args: ["sh", "-c", "echo $HOME ${HOME} run ${job.id} try ${job.attempt} of ${array.id}[${array.index}] > out-${array.index}"]
        """);
    Map<String, Object> config = Map.of("templates", Map.of("t", Map.of("manifest", file.toString())));
    Job job = protoGcn("alice", null);
    Job onT = new Job(job.id(), job.name(), job.user(), "t", Map.of(), job.gpus(), job.priority(), job.state(),
        job.submittedAt(), job.scheduledAt(), null, null, job.placement(), null, null, null);
    Job element = onT.withFlow(onT.flow().withArray(5, null).withArrayId("3").withAttempt(3));

    GenericKubernetesResource wf = renderer(config).render(element, "ml");
    GenericKubernetesResource single = renderer(config).render(onT, "ml");

    assertThat(wf.getMetadata().getName()).isEqualTo("berth-3-a3");
    assertThat(Workflows.section(wf, "spec").get("templates").toString())
        .contains("echo $HOME ${HOME} run 3 try 3 of 3[5] > out-5");
    assertThat(Workflows.section(single, "spec").get("templates").toString())
        .as("outside an array the array's placeholders are empty")
        .contains("echo $HOME ${HOME} run 3 try 1 of [] > out-");
    assertThat(Workflows.text(wf, "spec", "podSpecPatch"))
        .isEqualTo("{\"containers\":[{\"name\":\"main\",\"env\":[{\"name\":\"SEED\",\"value\":\"1\"},"
            + "{\"name\":\"BERTH_JOB_ID\",\"value\":\"3\"},{\"name\":\"BERTH_ATTEMPT\",\"value\":\"3\"},"
            + "{\"name\":\"BERTH_ARRAY_INDEX\",\"value\":\"5\"},{\"name\":\"BERTH_ARRAY_ID\",\"value\":\"3\"}]}]}");
  }

  @Test
  void runNamesKeepTheFirstAttemptsNameAndRefuseWhatCannotNameAWorkflow() {
    WorkflowIdentity identity = new WorkflowIdentity("lab-a");

    assertThat(identity.runName("12")).isEqualTo("lab-a-12");
    assertThat(identity.runName("12.2")).isEqualTo("lab-a-12-a2");
    assertThat(identity.runName("12.10")).isEqualTo("lab-a-12-a10");
    assertThat(WorkflowIdentity.isValidRunId("12.2")).isTrue();
    assertThat(WorkflowIdentity.isValidJobId("12.2")).as("a run id is no job id").isFalse();
    for (String bad : List.of("", "12.", "12.1", "12.0", "12.a", "1.2.3", "../12", "12/2", "-1", "x")) {
      assertThat(WorkflowIdentity.isValidRunId(bad)).as(bad).isFalse();
    }
    assertThat(WorkflowIdentity.jobIdOf("12.2")).isEqualTo("12");
    assertThat(WorkflowIdentity.attemptOf("12.2")).isEqualTo(2);
    assertThat(WorkflowIdentity.attemptOf("12")).isEqualTo(1);
  }

  @Test
  void placementFollowsTheConfiguredMode() {
    Job remote = protoGcn("alice", "gpu-node-2");
    Job local = protoGcn("alice", "ws-1");

    assertThat(NodePins.of(renderer(Map.of()).render(remote, "ml")))
        .isEqualTo(Map.of("kubernetes.io/hostname", "gpu-node-2"));
    assertThat(NodePins.of(renderer(Map.of()).render(local, "ml"))).isEmpty();
    assertThat(NodePins.of(renderer(Map.of("placement", "nodeSelector")).render(local, "ml"))).isEqualTo(Map.of("kubernetes.io/hostname", "ws-1"));
    assertThat(NodePins.of(renderer(Map.of("placement", "none")).render(remote, "ml"))).isEmpty();
    assertThat(NodePins.of(renderer(Map.of()).render(protoGcn("alice", null), "ml"))).isEmpty();

    GenericKubernetesResource byParameter =
        renderer(Map.of("placement", "parameter", "nodeParameter", "target-node")).render(remote, "ml");
    assertThat(NodePins.of(byParameter)).isEmpty();
    assertThat(Workflows.section(byParameter, "spec", "arguments").get("parameters").toString())
        .contains("{name=target-node, value=gpu-node-2}");
  }

  @Test
  void aUserNameThatIsNoLabelValueIsShortenedInTheLabelAndKeptWholeInTheAnnotation() {
    GenericKubernetesResource wf = renderer(Map.of()).render(protoGcn("bob.", null), "ml");

    assertThat(wf.getMetadata().getLabels()).containsEntry("berth.dev/user", "bob");
    assertThat(wf.getMetadata().getAnnotations()).containsEntry("berth.dev/user", "bob.");
  }

  @Test
  void configuredLabelsAnnotationsAndServiceAccountAreApplied() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("serviceAccount", "argo-workflow");
    config.put("labels", Map.of("lab", "vision"));
    config.put("annotations", Map.of("example.org/cost-centre", "42"));

    GenericKubernetesResource wf = renderer(config).render(protoGcn("alice", null), "ml");

    assertThat(wf.getMetadata().getLabels()).containsEntry("lab", "vision");
    assertThat(wf.getMetadata().getAnnotations()).containsEntry("example.org/cost-centre", "42");
    assertThat(Workflows.text(wf, "spec", "serviceAccountName")).isEqualTo("argo-workflow");
  }

  @Test
  void anUnknownTemplateIsRefused() {
    Job job = ArgoHarness.job("1", "resnet", Map.of(), 0);

    assertThatThrownBy(() -> renderer(Map.of()).render(job, "ml"))
        .isInstanceOf(ExecutionException.class)
        .hasMessage("unknown template 'resnet'; this executor offers [proto-gcn]");
  }
}
