package dev.berth.core.jobs;

import dev.berth.api.Job;
import dev.berth.api.JobState;
import dev.berth.api.Placement;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A job as the API and UI show it: the stored fields plus, for a queued job, its place in the queue
 * (1 = next) and why it waits.
 */
public record JobView(
    String id,
    String name,
    String user,
    String template,
    Map<String, String> parameters,
    int gpus,
    int priority,
    JobState state,
    Instant submittedAt,
    Instant scheduledAt,
    Instant startedAt,
    Instant finishedAt,
    Placement placement,
    Integer exitCode,
    String message,
    String executorRef,
    Long position,
    List<String> waitingReasons) {

  public static JobView of(Job j, Long position, List<String> waitingReasons) {
    return new JobView(
        j.id(), j.name(), j.user(), j.template(), j.parameters(), j.gpus(), j.priority(), j.state(),
        j.submittedAt(), j.scheduledAt(), j.startedAt(), j.finishedAt(), j.placement(), j.exitCode(),
        j.message(), j.executorRef(), position, waitingReasons);
  }

  public static JobView of(Job j) {
    return of(j, null, null);
  }
}
