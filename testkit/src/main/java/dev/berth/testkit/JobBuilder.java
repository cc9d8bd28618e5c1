package dev.berth.testkit;

import dev.berth.api.Job;
import dev.berth.api.JobState;
import dev.berth.api.Placement;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link Job} for a test by naming only the fields the test is about, in place of the
 * record's sixteen positional arguments. Unnamed fields: name {@code job <id>}, user {@code alice},
 * template {@code demo}, no parameters, no GPU, priority 0, QUEUED, submitted at the epoch, and
 * nothing else set (no time limit).
 */
public final class JobBuilder {
  private String id;
  private String name;
  private String user = "alice";
  private String template = "demo";
  private Map<String, String> parameters = Map.of();
  private int gpus;
  private int priority;
  private JobState state = JobState.QUEUED;
  private Instant submittedAt = Instant.EPOCH;
  private Instant scheduledAt;
  private Instant startedAt;
  private Instant finishedAt;
  private Placement placement;
  private Integer exitCode;
  private String message;
  private String executorRef;
  private Integer timeLimitSeconds;
  private List<String> notifyEvents;
  private boolean interactive;

  private JobBuilder(String id) {
    this.id = id;
  }

  /** A QUEUED job with the defaults above. */
  public static JobBuilder job(String id) {
    return new JobBuilder(id);
  }

  /** A copy of {@code job}, to change some of its fields. */
  public static JobBuilder from(Job job) {
    JobBuilder b = new JobBuilder(job.id());
    b.name = job.name();
    b.user = job.user();
    b.template = job.template();
    b.parameters = job.parameters();
    b.gpus = job.gpus();
    b.priority = job.priority();
    b.state = job.state();
    b.submittedAt = job.submittedAt();
    b.scheduledAt = job.scheduledAt();
    b.startedAt = job.startedAt();
    b.finishedAt = job.finishedAt();
    b.placement = job.placement();
    b.exitCode = job.exitCode();
    b.message = job.message();
    b.executorRef = job.executorRef();
    b.timeLimitSeconds = job.timeLimitSeconds();
    b.notifyEvents = job.notifyEvents();
    b.interactive = job.interactive();
    return b;
  }

  public JobBuilder id(String id) {
    this.id = id;
    return this;
  }

  public JobBuilder name(String name) {
    this.name = name;
    return this;
  }

  public JobBuilder user(String user) {
    this.user = user;
    return this;
  }

  public JobBuilder template(String template) {
    this.template = template;
    return this;
  }

  public JobBuilder parameters(Map<String, String> parameters) {
    this.parameters = parameters;
    return this;
  }

  public JobBuilder gpus(int gpus) {
    this.gpus = gpus;
    return this;
  }

  public JobBuilder priority(int priority) {
    this.priority = priority;
    return this;
  }

  public JobBuilder state(JobState state) {
    this.state = state;
    return this;
  }

  public JobBuilder submittedAt(Instant at) {
    this.submittedAt = at;
    return this;
  }

  public JobBuilder scheduledAt(Instant at) {
    this.scheduledAt = at;
    return this;
  }

  public JobBuilder startedAt(Instant at) {
    this.startedAt = at;
    return this;
  }

  public JobBuilder finishedAt(Instant at) {
    this.finishedAt = at;
    return this;
  }

  public JobBuilder placement(Placement placement) {
    this.placement = placement;
    return this;
  }

  /**
   * SCHEDULED at {@code at} (submitted then too) on {@code node}, holding {@code gpus}: the job as
   * the scheduler hands it to an executor.
   */
  public JobBuilder scheduledOn(String node, List<Integer> gpus, Instant at) {
    this.state = JobState.SCHEDULED;
    this.submittedAt = at;
    this.scheduledAt = at;
    this.gpus = gpus.size();
    this.placement = new Placement(node, gpus);
    return this;
  }

  public JobBuilder exitCode(Integer exitCode) {
    this.exitCode = exitCode;
    return this;
  }

  public JobBuilder message(String message) {
    this.message = message;
    return this;
  }

  public JobBuilder executorRef(String executorRef) {
    this.executorRef = executorRef;
    return this;
  }

  public JobBuilder timeLimitSeconds(Integer timeLimitSeconds) {
    this.timeLimitSeconds = timeLimitSeconds;
    return this;
  }

  /** The events the submission asked to be told of; null (the default) for none given. */
  public JobBuilder notifyEvents(List<String> events) {
    this.notifyEvents = events;
    return this;
  }

  /** Submitted as interactive (exempt from the idle-GPU guard for a while). */
  public JobBuilder interactive(boolean interactive) {
    this.interactive = interactive;
    return this;
  }

  public Job build() {
    return new Job(id, name != null ? name : "job " + id, user, template, parameters, gpus, priority, state,
        submittedAt, scheduledAt, startedAt, finishedAt, placement, exitCode, message, executorRef,
        timeLimitSeconds, notifyEvents, interactive);
  }
}
