package dev.berth.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A validated request to queue a job. The host validates every field before a store sees it, so a
 * store may trust the values.
 *
 * @param name a short human name
 * @param user who submitted it
 * @param template the executor template to run (for example {@code demo} or {@code proto-gcn})
 * @param parameters template parameters, such as {@code config-file} and {@code work-dir}
 * @param gpus GPUs wanted on one node, 0 to 8; 0 means CPU-only
 * @param priority higher runs earlier under orders that honour priority; FIFO ignores it
 * @param timeLimitSeconds how long the job may run, at least 1; the host always sets it (from the
 *     request, the template's default or {@code limits.defaultTimeLimitMinutes}). Null only from
 *     tools and tests that predate time limits: the job then has no limit.
 * @param notifyEvents events the owner wants to hear of for this job, validated names of {@link
 *     NotifyPreferences#EVENTS}; null when the request named none (the owner's saved choices apply)
 * @param flow dependencies, array index and cap, and retries; its {@code arrayId} is null (the
 *     store gives it) and its {@code attempt} 1
 * @param hold the job starts HELD instead of QUEUED
 * @param interactive a session someone works in (a notebook, a shell): the idle-GPU guard leaves it
 *     alone for its first {@code idleGuard.interactiveMaxMinutes} of running
 */
public record JobSubmission(
    String name,
    String user,
    String template,
    Map<String, String> parameters,
    int gpus,
    int priority,
    Integer timeLimitSeconds,
    List<String> notifyEvents,
    JobFlow flow,
    boolean hold,
    boolean interactive) {
  public JobSubmission {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(template, "template");
    parameters = Map.copyOf(parameters);
    notifyEvents = notifyEvents == null ? null : List.copyOf(notifyEvents);
    flow = flow == null ? JobFlow.NONE : flow;
  }

  /** A submission that is not interactive: for tools and tests written before the idle-GPU guard. */
  public JobSubmission(String name, String user, String template, Map<String, String> parameters, int gpus,
      int priority, Integer timeLimitSeconds, List<String> notifyEvents, JobFlow flow, boolean hold) {
    this(name, user, template, parameters, gpus, priority, timeLimitSeconds, notifyEvents, flow, hold, false);
  }

  /** A job on its own, queued at once: for tools and tests written before flows existed. */
  public JobSubmission(String name, String user, String template, Map<String, String> parameters, int gpus,
      int priority, Integer timeLimitSeconds, List<String> notifyEvents, boolean interactive) {
    this(name, user, template, parameters, gpus, priority, timeLimitSeconds, notifyEvents, JobFlow.NONE, false,
        interactive);
  }

  /** A job on its own, queued at once and not interactive. */
  public JobSubmission(String name, String user, String template, Map<String, String> parameters, int gpus,
      int priority, Integer timeLimitSeconds, List<String> notifyEvents) {
    this(name, user, template, parameters, gpus, priority, timeLimitSeconds, notifyEvents, JobFlow.NONE, false, false);
  }

  /** This submission with other parameters and flow: one element of an array or sweep. */
  public JobSubmission withElement(Map<String, String> newParameters, JobFlow newFlow) {
    return new JobSubmission(name, user, template, newParameters, gpus, priority, timeLimitSeconds, notifyEvents,
        newFlow, hold, interactive);
  }

  /** A submission that names no {@code notify} events: the owner's saved choices apply. */
  public JobSubmission(String name, String user, String template, Map<String, String> parameters, int gpus,
      int priority, Integer timeLimitSeconds) {
    this(name, user, template, parameters, gpus, priority, timeLimitSeconds, null, JobFlow.NONE, false, false);
  }

  /** A submission without a time limit: for tools and tests written before time limits existed. */
  public JobSubmission(String name, String user, String template, Map<String, String> parameters, int gpus,
      int priority) {
    this(name, user, template, parameters, gpus, priority, null, null, JobFlow.NONE, false, false);
  }
}
