package dev.berth.executor.argo;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a workflow's pods say about the training itself. Argo calls a workflow Running as soon as
 * its controller first handles it, pods scheduled or not (workflow_phase.go: "pods might not be
 * running yet"), so Berth asks the pods: the run has started when one of them left Pending, at the
 * moment its container started; until then the pending pod's scheduling condition is the reason.
 */
final class TrainingPods {
  private TrainingPods() {}

  /** Where the pods are: started (since when), or waiting (why, and since when, if known). */
  record Progress(boolean started, Instant since, String reason) {}

  /** Empty when there is no pod yet. */
  static Optional<Progress> of(List<Pod> pods) {
    Optional<Instant> start =
        pods.stream().filter(TrainingPods::hasLeftPending).map(TrainingPods::startedAt)
            .filter(Objects::nonNull).min(Comparator.naturalOrder());
    boolean anyStarted = pods.stream().anyMatch(TrainingPods::hasLeftPending);
    if (anyStarted) {
      return Optional.of(new Progress(true, start.orElse(null), null));
    }
    return pods.stream()
        .filter(p -> "Pending".equals(phase(p)))
        .findFirst()
        .map(p -> new Progress(false, pendingSince(p), pendingReason(p)));
  }

  private static boolean hasLeftPending(Pod pod) {
    String phase = phase(pod);
    return "Running".equals(phase) || "Succeeded".equals(phase) || "Failed".equals(phase);
  }

  private static String phase(Pod pod) {
    return pod.getStatus() == null || pod.getStatus().getPhase() == null ? "Pending" : pod.getStatus().getPhase();
  }

  /** When a container first ran; the kubelet's start of the pod when no container says. */
  private static Instant startedAt(Pod pod) {
    if (pod.getStatus() == null) {
      return null;
    }
    Instant earliest = null;
    for (ContainerStatus c : pod.getStatus().getContainerStatuses()) {
      String at = null;
      if (c.getState() != null && c.getState().getRunning() != null) {
        at = c.getState().getRunning().getStartedAt();
      } else if (c.getState() != null && c.getState().getTerminated() != null) {
        at = c.getState().getTerminated().getStartedAt();
      }
      Instant parsed = instant(at);
      if (parsed != null && (earliest == null || parsed.isBefore(earliest))) {
        earliest = parsed;
      }
    }
    return earliest != null ? earliest : instant(pod.getStatus().getStartTime());
  }

  /** Since when the scheduler has refused the pod, from its condition; null when not known. */
  private static Instant pendingSince(Pod pod) {
    PodCondition scheduled = scheduledCondition(pod);
    if (scheduled != null && "False".equals(scheduled.getStatus())) {
      return instant(scheduled.getLastTransitionTime());
    }
    return null;
  }

  /** The scheduler's reason ("0/3 nodes are available: 3 Insufficient nvidia.com/gpu"), or the kubelet's. */
  static String pendingReason(Pod pod) {
    String name = pod.getMetadata().getName();
    PodCondition scheduled = scheduledCondition(pod);
    if (scheduled != null && "False".equals(scheduled.getStatus())) {
      String message = scheduled.getMessage() == null ? scheduled.getReason() : scheduled.getMessage();
      String what = message != null && message.contains("nvidia.com/gpu") ? "waiting for a GPU" : "waiting for a node";
      return what + ": " + (message == null ? "pod " + name + " is not scheduled yet" : message);
    }
    if (pod.getStatus() != null) {
      for (ContainerStatus c : pod.getStatus().getContainerStatuses()) {
        if (c.getState() != null && c.getState().getWaiting() != null) {
          String reason = c.getState().getWaiting().getReason();
          String message = c.getState().getWaiting().getMessage();
          return "pod " + name + " is starting: " + reason + (message == null ? "" : ": " + message);
        }
      }
    }
    return "pod " + name + " is pending";
  }

  private static PodCondition scheduledCondition(Pod pod) {
    if (pod.getStatus() == null) {
      return null;
    }
    return pod.getStatus().getConditions().stream()
        .filter(c -> "PodScheduled".equals(c.getType()))
        .findFirst()
        .orElse(null);
  }

  static Instant instant(String text) {
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
