package dev.berth.executor.argo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.ExecutionPhase;
import dev.berth.api.ExecutionStatus;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How a workflow's {@code status} (and {@code spec.shutdown}) reads as a job's status. */
class WorkflowStatusesTest {
  private static final KubernetesSerialization YAML = new KubernetesSerialization();

  private static ExecutionStatus of(String yaml) {
    String head = "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {name: berth-4}\n";
    return WorkflowStatuses.of("4", YAML.unmarshal(head + yaml, GenericKubernetesResource.class), java.util.List.of());
  }

  @Test
  void pendingNewAndUnknownPhasesArePending() {
    assertThat(of("spec: {}\n").phase()).isEqualTo(ExecutionPhase.PENDING);
    assertThat(of("status: {phase: Pending}\n").phase()).isEqualTo(ExecutionPhase.PENDING);
    assertThat(of("status: {phase: Queued}\n").phase()).isEqualTo(ExecutionPhase.PENDING);
  }

  @Test
  void runningWithAStartedPodNodeCarriesThePodsStartTime() {
    ExecutionStatus s = of("""
        status:
          phase: Running
          startedAt: '2026-03-01T10:00:05Z'
          nodes:
            berth-4: {type: Pod, phase: Running, startedAt: '2026-03-01T10:20:00Z'}
        """);

    assertThat(s).isEqualTo(new ExecutionStatus("4", "berth-4", ExecutionPhase.RUNNING, null, null,
        Instant.parse("2026-03-01T10:20:00Z"), null));
  }

  @Test
  void argosRunningWhileThePodIsPendingIsPendingWithArgosReason() {
    ExecutionStatus s = of("""
        status:
          phase: Running
          startedAt: '2026-03-01T10:00:05Z'
          nodes:
            berth-4: {type: Pod, phase: Pending, message: 'Unschedulable: 0/3 nodes are available'}
        """);

    assertThat(s.phase()).isEqualTo(ExecutionPhase.PENDING);
    assertThat(s.startedAt()).isNull();
    assertThat(s.message()).isEqualTo("pod pending: Unschedulable: 0/3 nodes are available");
  }

  @Test
  void succeededEndsWithExitCodeZeroAndItsTimes() {
    ExecutionStatus s = of("status: {phase: Succeeded, startedAt: '2026-03-01T10:00:05Z',"
        + " finishedAt: '2026-03-01T11:00:00Z'}\n");

    assertThat(s).isEqualTo(new ExecutionStatus("4", "berth-4", ExecutionPhase.SUCCEEDED, 0, null,
        Instant.parse("2026-03-01T10:00:05Z"), Instant.parse("2026-03-01T11:00:00Z")));
  }

  @Test
  void failedTakesArgosMessageAndTheFailedPodsExitCode() {
    ExecutionStatus s = of("""
        status:
          phase: Failed
          message: child 'berth-4-123' failed
          nodes:
            berth-4: {type: Steps, phase: Failed}
            berth-4-123: {type: Pod, phase: Failed, message: Error (exit code 137), outputs: {exitCode: "137"}}
        """);

    assertThat(s.phase()).isEqualTo(ExecutionPhase.FAILED);
    assertThat(s.exitCode()).isEqualTo(137);
    assertThat(s.message()).isEqualTo("child 'berth-4-123' failed");
  }

  @Test
  void anErrorWithoutMessageStillSaysWhat() {
    assertThat(of("status: {phase: Error}\n").message()).isEqualTo("workflow Error");
    assertThat(of("status: {phase: Failed, nodes: {p: {type: Pod, phase: Failed, message: OOMKilled}}}\n")
        .message()).isEqualTo("OOMKilled");
  }

  @Test
  void aStoppedWorkflowIsCancelled() {
    ExecutionStatus s = of("spec: {shutdown: Terminate}\n"
        + "status: {phase: Failed, message: Stopped with strategy 'Terminate'}\n");

    assertThat(s.phase()).isEqualTo(ExecutionPhase.CANCELLED);
    assertThat(s.message()).isEqualTo("cancelled: workflow stopped (Terminate): Stopped with strategy 'Terminate'");
    assertThat(of("spec: {shutdown: Stop}\nstatus: {phase: Succeeded}\n").phase()).isEqualTo(ExecutionPhase.SUCCEEDED);
  }
}
