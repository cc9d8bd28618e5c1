package dev.berth.core.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.Job;
import dev.berth.api.JobState;
import dev.berth.api.JobTransition;
import dev.berth.api.QueueStore;
import dev.berth.core.errors.ConflictException;
import dev.berth.core.errors.NotFoundException;
import dev.berth.core.errors.ValidationException;
import dev.berth.core.jobs.JobService;
import dev.berth.core.jobs.JobView;
import dev.berth.core.scheduler.Scheduler;
import dev.berth.core.scheduler.StateWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What users do with a job's place in a flow: hold it back and let it go, queue it again, and see
 * or cancel a whole array. Permissions and the audit log are {@link FlowAccess}'s.
 */
public final class JobFlowService {
  private static final Pattern ID = Pattern.compile("[0-9]{1,18}");
  /** What a resubmission may change; the rest is the job's own submission. */
  private static final Set<String> OVERRIDES = Set.of("parameters", "gpus", "timeLimit");

  private final QueueStore store;
  private final JobService jobs;
  private final StateWriter writer;
  private final Scheduler scheduler;
  private final Clock clock;

  public JobFlowService(QueueStore store, JobService jobs, StateWriter writer, Scheduler scheduler, Clock clock) {
    this.store = store;
    this.jobs = jobs;
    this.writer = writer;
    this.scheduler = scheduler;
    this.clock = clock;
  }

  /**
   * Holds a QUEUED job back: it stays HELD, keeping its submission time and so its place, until
   * released.
   *
   * @throws ConflictException when the job is not QUEUED
   */
  public JobView hold(String id, String actor) {
    Job job = jobs.get(id);
    if (job.state() == JobState.HELD) {
      return JobView.of(job);
    }
    return JobView.of(writer.move(job, Set.of(JobState.QUEUED),
            JobTransition.to(JobState.HELD, clock.instant(), actor, "held by " + actor))
        .orElseThrow(() -> new ConflictException("job " + id + " is " + jobs.get(id).state()
            + "; only a queued job can be held")));
  }

  /**
   * Lets a HELD job go: it is QUEUED again, where its submission time puts it.
   *
   * @throws ConflictException when the job is not HELD
   */
  public JobView release(String id, String actor) {
    Job job = jobs.get(id);
    if (job.state() == JobState.QUEUED) {
      return JobView.of(job);
    }
    Job released = writer.move(job, Set.of(JobState.HELD),
            JobTransition.to(JobState.QUEUED, clock.instant(), actor, "released by " + actor))
        .orElseThrow(() -> new ConflictException("job " + id + " is " + jobs.get(id).state()
            + "; only a held job can be released"));
    scheduler.wake();
    return JobView.of(released);
  }

  /**
   * The body of a new submission of job {@code id}: its own submission (name, owner, template,
   * parameters, GPUs, priority, time limit, notify events, retries) with {@code overrides} applied
   * (parameters merge over its own). It depends on nothing and is in no array.
   *
   * @throws ValidationException when the overrides name anything else
   */
  public ObjectNode resubmission(String id, JsonNode overrides) {
    Job job = jobs.get(id);
    if (overrides != null && !overrides.isNull() && !overrides.isObject()) {
      throw ValidationException.of("body", "must be a JSON object of overrides: parameters, gpus, timeLimit");
    }
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("name", job.name());
    body.put("user", job.user());
    body.put("template", job.template());
    ObjectNode parameters = body.putObject("parameters");
    job.parameters().forEach(parameters::put);
    body.put("gpus", job.gpus());
    body.put("priority", job.priority());
    if (job.timeLimitSeconds() != null) {
      body.put("timeLimit", job.timeLimitSeconds());
    }
    if (job.notifyEvents() != null) {
      job.notifyEvents().forEach(body.putArray("notify")::add);
    }
    if (job.flow().maxRetries() > 0) {
      body.put("maxRetries", job.flow().maxRetries());
    }
    if (overrides == null || overrides.isNull()) {
      return body;
    }
    List<dev.berth.core.errors.FieldError> errors = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = overrides.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!OVERRIDES.contains(e.getKey())) {
        errors.add(new dev.berth.core.errors.FieldError(FlowFields.clip(e.getKey()),
            "cannot be changed on a resubmission; allowed: gpus, parameters, timeLimit"));
      } else if (e.getKey().equals("parameters") && e.getValue().isObject()) {
        e.getValue().fields().forEachRemaining(p -> parameters.set(p.getKey(), p.getValue()));
      } else {
        body.set(e.getKey(), e.getValue());
      }
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    return body;
  }

  /** @throws NotFoundException when there is no such array */
  public ArrayView array(String arrayId) {
    return ArrayView.of(arrayJobs(arrayId));
  }

  List<Job> arrayJobs(String arrayId) {
    List<Job> found = ID.matcher(arrayId).matches() ? store.arrayJobs(arrayId) : List.of();
    if (found.isEmpty()) {
      throw new NotFoundException("no array " + FlowFields.clip(arrayId));
    }
    return found;
  }

  /**
   * Cancels every job of the array that has not ended, each as a single cancel would (a running one
   * is asked to stop).
   *
   * @return the array after
   */
  public ArrayView cancelArray(String arrayId, String actor) {
    for (Job job : arrayJobs(arrayId)) {
      if (!job.state().isTerminal()) {
        try {
          jobs.cancel(job.id(), actor);
        } catch (ConflictException e) {
          // It ended meanwhile: nothing left to cancel.
        }
      }
    }
    return array(arrayId);
  }

  /** The job of id {@code id}, if it exists. */
  public Optional<Job> find(String id) {
    return ID.matcher(id).matches() ? store.get(id) : Optional.empty();
  }
}
