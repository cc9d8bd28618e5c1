package dev.berth.executor.argo;

import dev.berth.api.ExecutionPhase;
import dev.berth.api.ExecutionStatus;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Reads a job's status from its workflow's {@code status}: {@code Pending} or none → PENDING,
 * {@code Running} → RUNNING, {@code Succeeded} → SUCCEEDED, {@code Failed}/{@code Error} → FAILED
 * with {@code status.message}, or CANCELLED when Berth had asked it to stop ({@code spec.shutdown}).
 * The exit code is the one Argo records for the workflow's failed pod ({@code
 * status.nodes.*.outputs.exitCode}).
 */
final class WorkflowStatuses {
  private WorkflowStatuses() {}

  static ExecutionStatus of(String jobId, GenericKubernetesResource workflow) {
    String ref = workflow.getMetadata().getName();
    String phase = Workflows.phase(workflow);
    Instant startedAt = instant(Workflows.text(workflow, "status", "startedAt"));
    return switch (phase) {
      case "Running" -> new ExecutionStatus(jobId, ref, ExecutionPhase.RUNNING, null, null, startedAt, null);
      case "Succeeded" ->
          new ExecutionStatus(jobId, ref, ExecutionPhase.SUCCEEDED, 0, null, startedAt, finishedAt(workflow));
      case "Failed", "Error" -> ended(jobId, ref, workflow, phase, startedAt);
      // "" and "Pending": accepted, no pod running yet. An unknown phase from a newer Argo is
      // treated alike until it turns into one Berth knows.
      default -> new ExecutionStatus(jobId, ref, ExecutionPhase.PENDING, null, null, startedAt, null);
    };
  }

  /** The status of a job whose workflow vanished before it finished. */
  static ExecutionStatus deleted(String jobId, String ref, Instant startedAt, Instant at) {
    return new ExecutionStatus(
        jobId,
        ref,
        ExecutionPhase.FAILED,
        null,
        "workflow deleted: " + ref + " was deleted before it finished",
        startedAt,
        at);
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
