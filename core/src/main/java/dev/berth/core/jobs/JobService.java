package dev.berth.core.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.api.ExecutionException;
import dev.berth.api.Enqueued;
import dev.berth.api.Job;
import dev.berth.api.JobEvent;
import dev.berth.api.JobExecutor;
import dev.berth.api.JobPage;
import dev.berth.api.JobQuery;
import dev.berth.api.JobState;
import dev.berth.api.JobSubmission;
import dev.berth.api.JobTemplate;
import dev.berth.api.JobTransition;
import dev.berth.api.LogChunk;
import dev.berth.api.QueueOrder;
import dev.berth.api.QueueStore;
import dev.berth.api.SubmissionPreview;
import dev.berth.core.errors.ConflictException;
import dev.berth.core.flow.SubmissionRequest;
import dev.berth.core.errors.NotFoundException;
import dev.berth.core.errors.ValidationException;
import dev.berth.core.metrics.BerthMetrics;
import dev.berth.core.scheduler.Scheduler;
import dev.berth.core.scheduler.PlannedJob;
import dev.berth.core.scheduler.QueuePlan;
import dev.berth.core.scheduler.ReasonCode;
import dev.berth.core.scheduler.WaitingReason;
import dev.berth.core.scheduler.StateWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What users do with jobs: submit, look, cancel, read logs. The API and the UI both call this. */
public final class JobService {
  private static final Logger LOG = LoggerFactory.getLogger(JobService.class);
  private static final Pattern ID = Pattern.compile("[0-9]{1,18}");

  private final QueueStore store;
  private final JobExecutor executor;
  private final QueueOrder order;
  private final StateWriter writer;
  private final Scheduler scheduler;
  private final BerthMetrics metrics;
  private final Clock clock;
  private final SubmissionParser parser;
  private final ExecutorRunLinks runLinks;

  public JobService(
      QueueStore store, JobExecutor executor, QueueOrder order, StateWriter writer,
      Scheduler scheduler, BerthMetrics metrics, Clock clock, SubmissionParser parser) {
    this.store = store;
    this.executor = executor;
    this.order = order;
    this.writer = writer;
    this.scheduler = scheduler;
    this.metrics = metrics;
    this.clock = clock;
    this.parser = parser;
    this.runLinks = new ExecutorRunLinks(executor);
  }

  /** Validates and queues a JSON submission of one job; returns it with its place in the queue. */
  public JobView submit(JsonNode body) {
    return submit(parser.parse(body));
  }

  /** Validates a JSON submission without queueing it. */
  public JobSubmission parse(JsonNode body) {
    return parser.parse(body);
  }

  /** Validates a JSON submission of a job, an array or a sweep, without queueing it. */
  public SubmissionRequest parseRequest(JsonNode body) {
    return parser.parseRequest(body);
  }

  /**
   * Queues an array or sweep in one atomic store call: every element or none.
   *
   * @return the queued elements, in index order
   */
  public List<Job> submitArray(SubmissionRequest request) {
    List<Job> queued = writer.enqueueAll(request.elements(), clock.instant());
    queued.forEach(j -> metrics.submitted());
    if (scheduler.hasFreeSlot()) {
      scheduler.wake();
    }
    return queued;
  }

  public JobView submit(JobSubmission submission) {
    Enqueued queued = writer.enqueue(submission, clock.instant());
    Job job = queued.job();
    metrics.submitted();
    if (scheduler.hasFreeSlot()) {
      scheduler.wake(); // with every slot taken, the next job's end wakes it; a pass now is waste
    }
    return JobView.queued(job, order.scoresJobs() ? null : queued.queuedBefore() + 1, null, null);
  }

  /**
   * What the executor would submit for this body, without queueing anything: the body is validated
   * exactly as for a submission, and the job gets the placeholder id 0.
   *
   * @throws ValidationException when the body is invalid, or the executor cannot preview
   */
  public Preview preview(JsonNode body) {
    JobSubmission s = parser.parse(body);
    if (!(executor instanceof SubmissionPreview preview)) {
      throw ValidationException.of("dryRun", "the active executor cannot show a submission before running it");
    }
    Job job = new Job("0", s.name(), s.user(), s.template(), s.parameters(), s.gpus(), s.priority(),
        JobState.QUEUED, clock.instant(), null, null, null, null, null, null, null, s.timeLimitSeconds());
    try {
      return new Preview(preview.preview(job), preview.previewMediaType());
    } catch (ExecutionException e) {
      throw ValidationException.of("template", e.getMessage());
    }
  }

  /** A dry run's result: the text the executor would submit, and its media type. */
  public record Preview(String text, String mediaType) {}

  /** The job's run in the active executor's own UI, when the executor offers such links. */
  /** The active executor's templates, which submissions name. */
  public List<JobTemplate> templates() {
    return executor.templates();
  }

  public Optional<RunLink> runLink(Job job) {
    return runLinks.of(job);
  }

  public Job get(String id) {
    if (!ID.matcher(id).matches()) {
      throw new NotFoundException("no job " + clip(id));
    }
    return store.get(id).orElseThrow(() -> new NotFoundException("no job " + id));
  }

  /** The job with its place, reasons and start estimate when it is queued. */
  public JobView view(String id) {
    Job job = get(id);
    if (job.state() == JobState.HELD) {
      return JobView.queued(job, null, List.of(WaitingReason.of(ReasonCode.HELD,
          job.message() != null ? job.message() : "held until released")), "held: no estimate until released");
    }
    if (job.state() != JobState.QUEUED) {
      return JobView.of(job);
    }
    for (PlannedJob p : scheduler.plan().jobs()) {
      if (p.job().id().equals(id)) {
        return JobView.planned(job, p);
      }
    }
    return notPlanned(job);
  }

  /** A queued job the last pass did not plan: submitted since, or beyond the planned depth. */
  private JobView notPlanned(Job job) {
    if (order.scoresJobs()) {
      return JobView.queued(job, null, List.of(WaitingReason.of(ReasonCode.PRIORITY,
          "not ranked yet: the next pass places it, or more than " + QueuePlan.DEPTH + " jobs are ahead")),
          "beyond the planned jobs");
    }
    long ahead = store.countQueuedBefore(job.id());
    return JobView.queued(job, ahead + 1, List.of(WaitingReason.of(ReasonCode.PRIORITY,
        ahead == 0 ? "next in line" : ahead + (ahead == 1 ? " job" : " jobs") + " ahead start first")),
        ahead >= QueuePlan.DEPTH ? "more than " + QueuePlan.DEPTH + " jobs are ahead" : "not planned yet");
  }

  public JobPage list(JobQuery query) {
    return store.list(query);
  }

  /** The finished jobs submitted within {@code since} of now, oldest first: the history export. */
  public List<Job> finishedWithin(java.time.Duration since) {
    return new HistoryExport(store, clock).finishedWithin(since);
  }

  public List<JobEvent> events(String id) {
    get(id);
    return store.events(id);
  }

  /**
   * Cancels a job. A queued (or just scheduled) job ends CANCELLED at once; a running one is asked
   * to stop through the executor and ends CANCELLED when it has stopped, so its GPU is not handed
   * out while it still holds it.
   *
   * @throws ConflictException when the job already ended
   */
  public JobView cancel(String id, String actor) {
    for (int attempt = 0; attempt < 5; attempt++) {
      Job job = get(id);
      switch (job.state()) {
        case COMPLETED, FAILED, CANCELLED, TIMED_OUT ->
            throw new ConflictException("job " + id + " already ended: " + job.state());
        case QUEUED, HELD, SCHEDULED -> {
          Optional<Job> done = writer.move(job, Set.of(job.state()),
              JobTransition.to(JobState.CANCELLED, clock.instant(), actor, "cancelled by " + actor));
          if (done.isPresent()) {
            if (job.state() == JobState.SCHEDULED) {
              stopRun(done.get());
            }
            scheduler.wake();
            return JobView.of(done.get());
          }
        }
        case RUNNING -> {
          stopRun(job);
          LOG.info("Cancel of running job {} requested by {}", id, actor);
          return JobView.of(job);
        }
      }
    }
    throw new ConflictException("job " + id + " changed state while being cancelled; try again");
  }

  /**
   * Sets a job's time limit. A job that has not started (QUEUED or SCHEDULED) may get any limit up
   * to the maximum; a RUNNING job's limit may only be raised, so that a change never stops a run at
   * once. A running job's executor is told at once; it also reads the limit from every status poll,
   * which covers a change made on another Berth process or while it was down.
   *
   * @return the job before and after the change
   * @throws ConflictException when the job already ended, or the store cannot change limits
   * @throws ValidationException when a running job's limit would be lowered
   */
  public LimitChange changeTimeLimit(String id, int seconds) {
    for (int attempt = 0; attempt < 5; attempt++) {
      Job job = get(id);
      if (job.state().isTerminal()) {
        throw new ConflictException("job " + id + " already ended: " + job.state() + "; its time limit no longer matters");
      }
      boolean running = job.state() == JobState.RUNNING;
      if (running && (job.timeLimitSeconds() == null || seconds < job.timeLimitSeconds())) {
        throw ValidationException.of("timeLimit", job.timeLimitSeconds() == null
            ? "job " + id + " runs without a time limit; a running job's limit may only be raised"
            : "a running job's limit may only be raised; job " + id + " has " + TimeLimitFormat.format(job.timeLimitSeconds())
                + ", asked " + TimeLimitFormat.format(seconds));
      }
      Optional<Job> changed;
      try {
        changed = writer.changeTimeLimit(job, seconds, running);
      } catch (UnsupportedOperationException e) {
        throw new ConflictException("the queue store cannot change a job's time limit: " + e.getMessage());
      }
      if (changed.isPresent()) {
        if (changed.get().state().isActive()) {
          try {
            executor.timeLimitChanged(changed.get());
          } catch (RuntimeException e) {
            // The executor's next status poll carries the new limit too.
            LOG.warn("Executor was not told of job {}'s new time limit: {}", id, e.toString());
          }
        }
        return new LimitChange(job, changed.get());
      }
      // The job moved (or another change won) between the read and the write: judge it again.
    }
    throw new ConflictException("job " + id + " changed while its time limit was being set; try again");
  }

  /** A job before and after its time limit changed. */
  public record LimitChange(Job before, Job after) {}

  private void stopRun(Job job) {
    try {
      executor.cancel(job);
    } catch (RuntimeException e) {
      LOG.warn("Executor could not cancel job {}: {}", job.id(), e.toString());
    }
  }

  public String tailLog(String id, int lines) {
    return executor.tailLog(get(id), lines);
  }

  /**
   * The last lines of one attempt's log: each attempt of a retried job is a run of its own, and its
   * log is kept.
   *
   * @throws ValidationException when the job has had no such attempt
   */
  public String tailLog(String id, int lines, int attempt) {
    return executor.tailLog(attempt(get(id), attempt), lines);
  }

  /** The job as it was on its attempt {@code n}: what the executor finds that attempt's run by. */
  static Job attempt(Job job, int n) {
    if (n < 1 || n > job.attempt()) {
      throw ValidationException.of("attempt", "job " + job.id() + " has had attempts 1 to " + job.attempt()
          + ", not " + n);
    }
    return n == job.attempt() ? job : job.withFlow(job.flow().withAttempt(n));
  }

  public LogChunk readLog(String id, long offset, int maxBytes) {
    return executor.readLog(get(id), offset, maxBytes);
  }

  /**
   * Running jobs, and up to {@code limit} queued jobs in the order they will start, as the last
   * pass planned them; jobs queued since follow in submission order.
   */
  public QueueView queue(int limit) {
    List<JobView> running = new ArrayList<>();
    for (Job j : store.list(JobQuery.inStates(JobState.ACTIVE, 1000)).jobs()) {
      running.add(JobView.of(j));
    }
    long total = store.countByState().getOrDefault(JobState.QUEUED, 0L);
    List<JobView> queued = new ArrayList<>();
    Map<String, Job> stillQueued = new HashMap<>();
    for (Job j : store.list(JobQuery.queued(QueuePlan.DEPTH)).jobs()) {
      stillQueued.put(j.id(), j);
    }
    Set<String> shown = new HashSet<>();
    for (PlannedJob p : scheduler.plan().jobs()) {
      if (queued.size() >= limit) {
        break;
      }
      Job fresh = stillQueued.get(p.job().id());
      if (fresh != null) {
        queued.add(JobView.planned(fresh, p));
        shown.add(fresh.id());
      }
    }
    if (!order.scoresJobs()) {
      for (Job j : order.order(new ArrayList<>(stillQueued.values()))) {
        if (queued.size() >= limit) {
          break;
        }
        if (shown.add(j.id())) {
          queued.add(notPlanned(j));
        }
      }
    }
    return new QueueView(running, queued, total);
  }

  private static String clip(String s) {
    return s.length() > 32 ? s.substring(0, 32) + "…" : s;
  }
}
