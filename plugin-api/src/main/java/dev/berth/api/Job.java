package dev.berth.api;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A job as the store holds it. Immutable: a change is a new record returned by the store.
 *
 * @param id increasing decimal string given by the store at enqueue; later jobs compare greater
 *     numerically
 * @param placement null until the job is scheduled
 * @param exitCode null until the process ended with one
 * @param message why the job is in its state (failure reason, cancel note); may be null
 * @param executorRef what the executor calls this job (a PID, a workflow name); null until
 *     submitted
 */
public record Job(
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
    String executorRef) {

  public Job {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(submittedAt, "submittedAt");
    parameters = Map.copyOf(parameters);
  }

  /** The numeric value of {@link #id()}, for ordering. */
  public long sequence() {
    return Long.parseLong(id);
  }
}
