package dev.berth.api;

import java.time.Instant;
import java.util.List;
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
 * @param timeLimitSeconds how long the job may run before it is stopped and ends TIMED_OUT; null
 *     only for jobs stored before time limits existed, which have no limit
 * @param notifyEvents the events its owner wants to hear of for this job (names of {@link
 *     NotifyPreferences#EVENTS}), from the submission; null when it named none, and the owner's
 *     saved choices apply
 * @param flow its dependencies, array and retries; {@link JobFlow#NONE} for a job on its own
 * @param interactive submitted as interactive: the idle-GPU guard leaves it alone for a while
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
    String executorRef,
    Integer timeLimitSeconds,
    List<String> notifyEvents,
    JobFlow flow,
    boolean interactive) {

  public Job {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(submittedAt, "submittedAt");
    parameters = Map.copyOf(parameters);
    notifyEvents = notifyEvents == null ? null : List.copyOf(notifyEvents);
    flow = flow == null ? JobFlow.NONE : flow;
  }

  /** A job on its own (no dependencies, array or retries): for stores and tools that keep none. */
  public Job(
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
      Integer timeLimitSeconds,
      List<String> notifyEvents) {
    this(id, name, user, template, parameters, gpus, priority, state, submittedAt, scheduledAt, startedAt,
        finishedAt, placement, exitCode, message, executorRef, timeLimitSeconds, notifyEvents, JobFlow.NONE, false);
  }

  /** A job that is not interactive: for stores and tools written before the idle-GPU guard. */
  public Job(
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
      Integer timeLimitSeconds,
      List<String> notifyEvents,
      JobFlow flow) {
    this(id, name, user, template, parameters, gpus, priority, state, submittedAt, scheduledAt, startedAt,
        finishedAt, placement, exitCode, message, executorRef, timeLimitSeconds, notifyEvents, flow, false);
  }

  /** A job on its own (no dependencies, array or retries): for tools written before flows existed. */
  public Job(
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
      Integer timeLimitSeconds,
      List<String> notifyEvents,
      boolean interactive) {
    this(id, name, user, template, parameters, gpus, priority, state, submittedAt, scheduledAt, startedAt,
        finishedAt, placement, exitCode, message, executorRef, timeLimitSeconds, notifyEvents, JobFlow.NONE,
        interactive);
  }

  /** A job whose submission named no {@code notify} events: for stores and tools that keep none. */
  public Job(
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
      Integer timeLimitSeconds) {
    this(id, name, user, template, parameters, gpus, priority, state, submittedAt, scheduledAt, startedAt,
        finishedAt, placement, exitCode, message, executorRef, timeLimitSeconds, null, JobFlow.NONE, false);
  }

  /** A job without a time limit: for tools and tests written before time limits existed. */
  public Job(
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
    this(id, name, user, template, parameters, gpus, priority, state, submittedAt, scheduledAt, startedAt,
        finishedAt, placement, exitCode, message, executorRef, null, null, JobFlow.NONE, false);
  }

  /** This job with another time limit; every other field unchanged. */
  public Job withTimeLimitSeconds(Integer seconds) {
    return new Job(id, name, user, template, parameters, gpus, priority, state, submittedAt, scheduledAt,
        startedAt, finishedAt, placement, exitCode, message, executorRef, seconds, notifyEvents, flow, interactive);
  }

  /** This job with another {@code notify} list; every other field unchanged. */
  public Job withNotify(List<String> events) {
    return new Job(id, name, user, template, parameters, gpus, priority, state, submittedAt, scheduledAt,
        startedAt, finishedAt, placement, exitCode, message, executorRef, timeLimitSeconds, events, flow, interactive);
  }

  public Job withMessage(String newMessage) {
    return new Job(id, name, user, template, parameters, gpus, priority, state, submittedAt, scheduledAt,
        startedAt, finishedAt, placement, exitCode, newMessage, executorRef, timeLimitSeconds, notifyEvents, flow, interactive);
  }

  /** This job with another {@link JobFlow}; every other field unchanged. */
  public Job withFlow(JobFlow newFlow) {
    return new Job(id, name, user, template, parameters, gpus, priority, state, submittedAt, scheduledAt,
        startedAt, finishedAt, placement, exitCode, message, executorRef, timeLimitSeconds, notifyEvents, newFlow, interactive);
  }

  /** Which run of the job this is, from 1: see {@link JobFlow#attempt()}. */
  public int attempt() {
    return flow.attempt();
  }

  /**
   * The name of this attempt's run: the job id for the first, {@code <id>.<attempt>} for a retry.
   * Executors key their runs, work directories and logs by it, so a retry never adopts the run of
   * the attempt before it, and each attempt's log is kept.
   */
  public String runId() {
    return runId(id, flow.attempt());
  }

  /** {@link #runId()} of attempt {@code attempt} of job {@code id}. */
  public static String runId(String id, int attempt) {
    return attempt <= 1 ? id : id + "." + attempt;
  }

  /** When the run reaches its limit, counted from its start; null before it started or without a limit. */
  public Instant deadline() {
    return startedAt == null || timeLimitSeconds == null ? null : startedAt.plusSeconds(timeLimitSeconds);
  }

  /** The numeric value of {@link #id()}, for ordering. */
  public long sequence() {
    return Long.parseLong(id);
  }
}
