package dev.berth.core.scheduler;

import dev.berth.api.ExecutionException;
import dev.berth.api.ExecutionPhase;
import dev.berth.api.ExecutionStatus;
import dev.berth.api.Job;
import dev.berth.api.JobExecutor;
import dev.berth.api.JobTemplate;
import dev.berth.api.LogChunk;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.function.Consumer;

/**
 * An executor that runs nothing: it records every call in order, keeps each run's status as the
 * test reports it, and never changes a status by itself. Idempotent per job id, as {@link
 * JobExecutor#submit} must be. Offers one template, {@code demo}.
 */
final class RecordingExecutor implements JobExecutor {
  private final Clock clock;
  private final List<String> calls = new ArrayList<>();
  private final Map<String, ExecutionStatus> runs = new LinkedHashMap<>();
  private final Map<String, Job> submittedJobs = new LinkedHashMap<>();
  private final Queue<String> refusals = new ArrayDeque<>();
  /** Each job's newest run id. */
  private final java.util.Map<String, String> latestRun = new java.util.HashMap<>();
  private Consumer<Job> beforeSubmit = job -> {};

  RecordingExecutor(Clock clock) {
    this.clock = clock;
  }

  /** Every call as {@code "submit 3"} or {@code "cancel 3"}, oldest first. */
  synchronized List<String> calls() {
    return List.copyOf(calls);
  }

  /** The jobs handed over, in the order first submitted, as the scheduler sent them (placement included). */
  synchronized List<Job> submitted() {
    return List.copyOf(submittedJobs.values());
  }

  /** The ids of the jobs handed over, in order. */
  synchronized List<String> submittedIds() {
    return List.copyOf(submittedJobs.keySet());
  }

  /** The next submission is refused with {@code message}, as a cluster refusing a workflow would. */
  synchronized void refuseNext(String message) {
    refusals.add(message);
  }

  /** Runs {@code hook} inside each submit before the run exists: to land something "during" the hand-over. */
  synchronized void beforeSubmit(Consumer<Job> hook) {
    this.beforeSubmit = hook;
  }

  /** Sets the run's status, as the run would change; the caller pushes it to the reconciler. */
  synchronized ExecutionStatus report(String jobId, ExecutionPhase phase, Integer exitCode, String message) {
    String runId = latestRun.get(jobId);
    ExecutionStatus before = runId == null ? null : runs.get(runId);
    if (before == null) {
      throw new IllegalStateException("job " + jobId + " was never submitted");
    }
    ExecutionStatus now = new ExecutionStatus(jobId, before.executorRef(), phase, exitCode, message,
        before.startedAt() != null ? before.startedAt() : phase == ExecutionPhase.PENDING ? null : clock.instant(),
        phase.isFinished() ? clock.instant() : null, before.attempt());
    runs.put(runId, now);
    return now;
  }

  /** Forgets a job's latest run, as an executor whose machine was wiped would. */
  synchronized void forget(String jobId) {
    String runId = latestRun.get(jobId);
    if (runId != null) {
      runs.remove(runId);
    }
  }

  @Override
  public List<JobTemplate> templates() {
    return List.of(new JobTemplate("demo", "a stand-in that runs nothing", List.of()));
  }

  @Override
  public String submit(Job job) {
    Consumer<Job> hook;
    synchronized (this) {
      calls.add("submit " + job.id());
      String refusal = refusals.poll();
      if (refusal != null) {
        throw new ExecutionException(refusal);
      }
      hook = beforeSubmit;
    }
    hook.accept(job); // outside the lock: it may call back into Berth, as a concurrent request would
    synchronized (this) {
      // One run per attempt, as the executor contract asks: a retry never adopts the run before it.
      ExecutionStatus run = runs.computeIfAbsent(job.runId(),
          id -> new ExecutionStatus(job.id(), "run-" + id, ExecutionPhase.PENDING, null, null, null, null,
              job.attempt()));
      latestRun.put(job.id(), job.runId());
      submittedJobs.putIfAbsent(job.id(), job);
      return run.executorRef();
    }
  }

  @Override
  public synchronized Optional<ExecutionStatus> status(Job job) {
    return Optional.ofNullable(runs.get(job.runId()));
  }

  @Override
  public synchronized void cancel(Job job) {
    calls.add("cancel " + job.id());
  }

  @Override
  public LogChunk readLog(Job job, long offset, int maxBytes) {
    return new LogChunk("", offset, true);
  }

  @Override
  public String tailLog(Job job, int lines) {
    return "";
  }

  @Override
  public synchronized List<ExecutionStatus> active() {
    return runs.values().stream().filter(s -> !s.phase().isFinished()).toList();
  }
}
