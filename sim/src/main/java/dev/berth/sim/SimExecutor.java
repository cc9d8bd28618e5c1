package dev.berth.sim;

import dev.berth.api.ExecutionPhase;
import dev.berth.api.ExecutionStatus;
import dev.berth.api.Job;
import dev.berth.api.JobExecutor;
import dev.berth.api.JobTemplate;
import dev.berth.api.LogChunk;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.ToLongFunction;

/**
 * The simulated executor: a run starts when the scheduler hands it over and ends after the job's
 * trace duration, or at its time limit when that comes first, reported TIMED_OUT as the real
 * executors report it. Nothing runs: the simulation asks {@link #nextEnd()} and {@link #endsBy}.
 */
final class SimExecutor implements JobExecutor {
  /** One run: where it holds GPUs and when it ends. */
  record Run(Job job, Instant startedAt, Instant endsAt, boolean timedOut) {}

  private final Clock clock;
  private final ToLongFunction<Job> durationSeconds;
  private final Map<String, Run> running = new HashMap<>();
  private final List<Run> startedSinceLastAsked = new ArrayList<>();
  private final PriorityQueue<Run> ends = new PriorityQueue<>(
      (a, b) -> a.endsAt().compareTo(b.endsAt()) != 0 ? a.endsAt().compareTo(b.endsAt())
          : a.job().id().compareTo(b.job().id()));

  /** {@code durationSeconds}: how long the trace says the job ran. */
  SimExecutor(Clock clock, ToLongFunction<Job> durationSeconds) {
    this.clock = clock;
    this.durationSeconds = durationSeconds;
  }

  @Override
  public List<JobTemplate> templates() {
    return List.of(new JobTemplate(Simulation.TEMPLATE, "a job of the trace", List.of()));
  }

  @Override
  public String submit(Job job) {
    Run known = running.get(job.id());
    if (known != null) {
      return job.id(); // handed over again: adopted, as the real executors do
    }
    Instant now = clock.instant();
    long duration = durationSeconds.applyAsLong(job);
    Integer limit = job.timeLimitSeconds();
    boolean timedOut = limit != null && limit < duration;
    Run run = new Run(job, now, now.plusSeconds(timedOut ? limit : duration), timedOut);
    running.put(job.id(), run);
    ends.add(run);
    startedSinceLastAsked.add(run);
    return job.id();
  }

  /** The runs handed over since the last call, to report RUNNING. */
  List<Run> drainStarted() {
    List<Run> out = List.copyOf(startedSinceLastAsked);
    startedSinceLastAsked.clear();
    return out;
  }

  /** When the next run ends; null when none runs. */
  Instant nextEnd() {
    Run first = ends.peek();
    return first == null ? null : first.endsAt();
  }

  /** Removes and reports every run that ends at or before {@code at}, earliest first. */
  List<ExecutionStatus> endsBy(Instant at) {
    List<ExecutionStatus> out = new ArrayList<>();
    while (!ends.isEmpty() && !ends.peek().endsAt().isAfter(at)) {
      Run r = ends.poll();
      running.remove(r.job().id());
      out.add(new ExecutionStatus(r.job().id(), r.job().id(),
          r.timedOut() ? ExecutionPhase.TIMED_OUT : ExecutionPhase.SUCCEEDED, r.timedOut() ? null : 0,
          r.timedOut() ? "stopped at its time limit" : null, r.startedAt(), r.endsAt()));
    }
    return out;
  }

  /** The runs holding GPUs now, for the probe. */
  Iterable<Run> running() {
    return running.values();
  }

  @Override
  public Optional<ExecutionStatus> status(Job job) {
    Run r = running.get(job.id());
    return r == null ? Optional.empty()
        : Optional.of(new ExecutionStatus(job.id(), job.id(), ExecutionPhase.RUNNING, null, null, r.startedAt(), null));
  }

  @Override
  public void cancel(Job job) {
    Run r = running.remove(job.id());
    if (r != null) {
      ends.remove(r);
    }
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
  public List<ExecutionStatus> active() {
    return running.values().stream().map(r -> new ExecutionStatus(r.job().id(), r.job().id(), ExecutionPhase.RUNNING,
        null, null, r.startedAt(), null)).toList();
  }
}
