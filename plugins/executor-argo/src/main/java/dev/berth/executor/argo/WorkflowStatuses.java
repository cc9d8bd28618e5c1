package dev.berth.executor.argo;

import dev.berth.api.ExecutionPhase;
import dev.berth.api.ExecutionStatus;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a job's status from its workflow's {@code status} and its pods: none, {@code Pending}, or
 * {@code Running} while no pod has left Pending → PENDING with the reason (Argo sets Running, and
 * {@code startedAt}, when its controller first handles the workflow, not when a pod runs); {@code
 * Running} with a started pod → RUNNING from the pod's start; {@code Succeeded} → SUCCEEDED, {@code Failed}/{@code Error} → FAILED
 * with {@code status.message}, or CANCELLED when Berth had asked it to stop ({@code spec.shutdown}).
 * The exit code is the one Argo records for the workflow's failed pod ({@code
 * status.nodes.*.outputs.exitCode}).
 */
final class WorkflowStatuses {
  private WorkflowStatuses() {}

  /** The message of a job whose workflow is gone when Berth has no end of it to go by. */
  static final String DELETED_UNSEEN = "workflow deleted by Kubernetes before Berth saw its end";

  /** The message while Argo's controller has not touched the workflow. */
  static final String NOT_PICKED_UP =
      "waiting for Argo's workflow controller to pick up the workflow"
          + " (is the controller running, and does its instanceID match?)";

  /**
   * @param runId the run the workflow is ({@link dev.berth.api.Job#runId()}): the status names its
   *     job and attempt
   * @param pods the workflow's pods as Berth last saw them; empty when there are none (yet, or
   *     any more) or they cannot be read
   */
  static ExecutionStatus of(String runId, GenericKubernetesResource workflow, List<Pod> pods) {
    return ofAttempt(ofJob(WorkflowIdentity.jobIdOf(runId), workflow, pods), WorkflowIdentity.attemptOf(runId));
  }

  /** {@code status} as the report on attempt {@code attempt}. */
  static ExecutionStatus ofAttempt(ExecutionStatus s, int attempt) {
    return new ExecutionStatus(
        s.jobId(), s.executorRef(), s.phase(), s.exitCode(), s.message(), s.startedAt(), s.finishedAt(), attempt);
  }

  private static ExecutionStatus ofJob(String jobId, GenericKubernetesResource workflow, List<Pod> pods) {
    String ref = workflow.getMetadata().getName();
    String phase = Workflows.phase(workflow);
    Optional<TrainingPods.Progress> progress = TrainingPods.of(pods);
    Instant startedAt =
        progress.filter(TrainingPods.Progress::started).map(TrainingPods.Progress::since)
            .orElse(instant(Workflows.text(workflow, "status", "startedAt")));
    return switch (phase) {
      case "Running" -> running(jobId, ref, workflow, progress);
      case "Succeeded" ->
          new ExecutionStatus(jobId, ref, ExecutionPhase.SUCCEEDED, 0, null, startedAt, finishedAt(workflow));
      case "Failed", "Error" -> ended(jobId, ref, workflow, phase, startedAt);
      case "" -> new ExecutionStatus(jobId, ref, ExecutionPhase.PENDING, null, NOT_PICKED_UP, null, null);
      // "Pending", and an unknown phase from a newer Argo, until it turns into one Berth knows.
      default -> new ExecutionStatus(
          jobId, ref, ExecutionPhase.PENDING, null, "workflow " + phase + " in Argo", null, null);
    };
  }

  /** Argo's Running: RUNNING only once a pod has left Pending. */
  private static ExecutionStatus running(
      String jobId, String ref, GenericKubernetesResource workflow, Optional<TrainingPods.Progress> pods) {
    if (pods.isPresent()) {
      TrainingPods.Progress p = pods.get();
      return p.started()
          ? new ExecutionStatus(jobId, ref, ExecutionPhase.RUNNING, null, null, p.since(), null)
          : new ExecutionStatus(jobId, ref, ExecutionPhase.PENDING, null, p.reason(), null, null);
    }
    // No pod to read (none yet, or no permission to list them): Argo's own pod nodes say.
    String waiting = "waiting for Argo to create the pod";
    for (Object raw : Workflows.section(workflow, "status", "nodes").values()) {
      if (raw instanceof Map<?, ?> node && "Pod".equals(node.get("type")) && node.get("phase") != null) {
        if (!"Pending".equals(node.get("phase"))) {
          Object at = node.get("startedAt");
          return new ExecutionStatus(
              jobId, ref, ExecutionPhase.RUNNING, null, null, instant(at == null ? null : at.toString()), null);
        }
        if (node.get("message") != null) {
          String message = node.get("message").toString();
          waiting = (message.contains("nvidia.com/gpu") ? "waiting for a GPU: " : "pod pending: ") + message;
        }
      }
    }
    return new ExecutionStatus(jobId, ref, ExecutionPhase.PENDING, null, waiting, null, null);
  }

  /** The status of a job whose workflow vanished and whose end Berth never saw. */
  static ExecutionStatus deleted(String runId, String ref, Instant startedAt, Instant at) {
    return new ExecutionStatus(WorkflowIdentity.jobIdOf(runId), ref, ExecutionPhase.FAILED, null, DELETED_UNSEEN,
        startedAt, at, WorkflowIdentity.attemptOf(runId));
  }

  private static ExecutionStatus ended(
      String jobId, String ref, GenericKubernetesResource workflow, String phase, Instant startedAt) {
    String message = Workflows.text(workflow, "status", "message");
    Map<String, Object> failedNode = failedPodNode(workflow);
    if (message.isBlank() && failedNode != null && failedNode.get("message") != null) {
      message = failedNode.get("message").toString();
    }
    Integer exitCode = failedNode == null ? null : exitCode(failedNode);
    String shutdown = Workflows.shutdown(workflow);
    if (!shutdown.isBlank()) {
      return new ExecutionStatus(
          jobId,
          ref,
          ExecutionPhase.CANCELLED,
          exitCode,
          "cancelled: workflow stopped (" + shutdown + ")" + (message.isBlank() ? "" : ": " + message),
          startedAt,
          finishedAt(workflow));
    }
    if (message.isBlank()) {
      message = "workflow " + phase + (exitCode == null ? "" : " (exit code " + exitCode + ")");
    }
    return new ExecutionStatus(
        jobId, ref, ExecutionPhase.FAILED, exitCode, message, startedAt, finishedAt(workflow));
  }

  /** The pod node that failed first and recorded an exit code, or null. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> failedPodNode(GenericKubernetesResource workflow) {
    List<Map<String, Object>> failed = new ArrayList<>();
    for (Object node : Workflows.section(workflow, "status", "nodes").values()) {
      if (node instanceof Map<?, ?> raw) {
        Map<String, Object> n = (Map<String, Object>) raw;
        boolean pod = "Pod".equals(n.get("type"));
        boolean bad = "Failed".equals(n.get("phase")) || "Error".equals(n.get("phase"));
        if (pod && bad) {
          failed.add(n);
        }
      }
    }
    return failed.stream()
        .min(Comparator.comparing((Map<String, Object> n) -> exitCode(n) == null ? 1 : 0)
            .thenComparing(n -> String.valueOf(n.getOrDefault("finishedAt", ""))))
        .orElse(null);
  }

  private static Integer exitCode(Map<String, Object> node) {
    if (node.get("outputs") instanceof Map<?, ?> outputs && outputs.get("exitCode") != null) {
      try {
        return Integer.valueOf(outputs.get("exitCode").toString().trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static Instant finishedAt(GenericKubernetesResource workflow) {
    return instant(Workflows.text(workflow, "status", "finishedAt"));
  }

  private static Instant instant(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
