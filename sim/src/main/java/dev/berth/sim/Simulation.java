package dev.berth.sim;

import dev.berth.api.AvailabilityPolicy;
import dev.berth.api.ExecutionPhase;
import dev.berth.api.ExecutionStatus;
import dev.berth.api.Job;
import dev.berth.api.JobSubmission;
import dev.berth.api.QueueOrder;
import dev.berth.core.errors.ValidationException;
import dev.berth.core.host.Provided;
import dev.berth.core.fairshare.FairShareService;
import dev.berth.core.metrics.BerthMetrics;
import dev.berth.core.scheduler.JobChanges;
import dev.berth.core.scheduler.Leadership;
import dev.berth.core.scheduler.PassRules;
import dev.berth.core.scheduler.PlannedJob;
import dev.berth.core.scheduler.PolicyPanel;
import dev.berth.core.scheduler.Reconciler;
import dev.berth.core.scheduler.ResourceMonitor;
import dev.berth.core.scheduler.Scheduler;
import dev.berth.core.scheduler.StateWriter;
import dev.berth.core.settings.FairshareSettings;
import dev.berth.core.settings.LimitSettings;
import dev.berth.core.settings.SchedulerSettings;
import dev.berth.core.settings.SettingsService;
import dev.berth.testkit.SettableClock;
import dev.berth.testkit.memory.InMemoryQueueStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Replays a trace through Berth's real {@link Scheduler}, {@link Reconciler} and {@link StateWriter},
 * wired as the server wires them, over the in-memory store, on a {@link SettableClock} that jumps
 * from event to event: the next arrival, or the next end of a run (by its duration or its time
 * limit). At each event the ends go through the reconciler, the arrivals through the state writer,
 * and passes run until one starts nothing. No thread is started and no wall clock is read for the
 * simulated time; the calling thread does everything.
 */
public final class Simulation {
  /** The template every simulated job names. */
  static final String TEMPLATE = "trace";
  /**
   * How often, in simulated seconds, the scheduler rereads its in-memory view of the store and
   * accrues running jobs' usage, where a server does so every probe interval: here it is the only
   * writer and follows every change through {@link JobChanges}, so the rereads would find nothing
   * new, and at one a few seconds apart they are most of a simulation's cost.
   */
  static final int REREAD_SECONDS = 60;
  /** Where virtual time starts; the trace's second 0. */
  public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private final QueueOrder order;
  private final List<Provided<AvailabilityPolicy>> policies;
  private final SimSettings config;
  private final Cluster cluster;
  private final SimOptions options;
  private final SettableClock clock;

  /**
   * {@code clock}: the virtual clock, set to {@link #START} by {@link #run}; the plugins given here
   * should read it too (their {@code PluginContext}'s clock), so nothing reads the wall clock.
   */
  public Simulation(QueueOrder order, List<Provided<AvailabilityPolicy>> policies, SimSettings config, Cluster cluster,
      SimOptions options, SettableClock clock) {
    this.clock = clock;
    this.order = order;
    this.policies = List.copyOf(policies);
    this.config = config;
    this.cluster = cluster;
    this.options = options;
  }

  /** Runs the whole trace. Throws {@link BadInputException} for a setting the server would refuse. */
  public SimResult run(Trace trace) {
    long t0 = System.nanoTime(); // only to report how fast the simulation ran
    clock.set(START);
    InMemoryQueueStore store = new InMemoryQueueStore();
    SettingsService settings = new SettingsService();
    settings.register(SchedulerSettings.SCHEMA);
    settings.register(LimitSettings.SCHEMA);
    settings.register(FairshareSettings.SCHEMA);
    settings.attach(store);
    apply(settings);

    Map<String, TraceJob> byJobId = new HashMap<>();
    SimExecutor executor = new SimExecutor(clock, job -> byJobId.get(job.id()).durationSeconds());
    BerthMetrics metrics = new BerthMetrics();
    JobChanges changes = new JobChanges(store, List.of());
    StateWriter writer = new StateWriter(store, changes);
    ResourceMonitor monitor = new ResourceMonitor(new SimProbe(cluster, executor, clock), clock, metrics,
        () -> SchedulerSettings.probeIntervalSeconds(settings.current(SchedulerSettings.SECTION)), () -> {});
    Scheduler scheduler = new Scheduler(store, executor, order, monitor, new PolicyPanel(policies), writer, clock,
        metrics, () -> PassRules.from(settings::current),
        () -> REREAD_SECONDS, Leadership.ALONE,
        new FairShareService(store, () -> settings.current(FairshareSettings.SECTION), clock)::snapshot);
    changes.subscribe(scheduler::onChange);
    Reconciler reconciler = new Reconciler(store, executor, writer, scheduler, clock, Duration.ofSeconds(15));

    List<TraceJob> jobs = prepare(trace.jobs(), settings);
    int largest = cluster.largestNode();
    int unschedulable = 0;
    Map<String, Instant> estimates = new HashMap<>();
    List<String> submittedIds = new ArrayList<>(jobs.size());
    int submitted = 0;
    int next = 0;
    try {
      while (true) {
        Instant arrival = next < jobs.size() ? START.plusSeconds(jobs.get(next).submitSecond()) : null;
        Instant end = executor.nextEnd();
        if (arrival == null && end == null) {
          break; // whatever still waits can never start
        }
        Instant now = arrival == null ? end : end == null ? arrival : arrival.isBefore(end) ? arrival : end;
        if (now.isAfter(clock.instant())) {
          clock.set(now);
        }
        for (ExecutionStatus s : executor.endsBy(now)) {
          reconciler.apply(s);
        }
        List<String> measure = new ArrayList<>();
        while (next < jobs.size() && !START.plusSeconds(jobs.get(next).submitSecond()).isAfter(now)) {
          TraceJob t = jobs.get(next++);
          if (t.gpus() > largest) {
            unschedulable++;
            continue;
          }
          Job job = writer.enqueue(new JobSubmission(t.id(), t.user(), TEMPLATE, Map.of(), t.gpus(), 0,
              t.timeLimitSeconds()), now).job();
          byJobId.put(job.id(), t);
          submittedIds.add(job.id());
          if (submitted++ % options.estimateEvery() == 0) {
            measure.add(job.id());
          }
        }
        schedule(scheduler, monitor, executor, reconciler);
        if (!measure.isEmpty()) {
          Map<String, Instant> planned = scheduler.plan().jobs().stream().filter(p -> p.estimatedStartAt() != null)
              .collect(Collectors.toMap(p -> p.job().id(), PlannedJob::estimatedStartAt, (a, b) -> a));
          for (String id : measure) {
            Job job = store.get(id).orElseThrow();
            // A job that started in the passes at its submission was estimated exactly.
            estimates.put(id, job.startedAt() != null ? job.startedAt() : planned.get(id));
          }
        }
      }
    } finally {
      close(scheduler, reconciler, monitor, changes);
    }
    List<JobOutcome> outcomes = new ArrayList<>(submittedIds.size());
    for (String id : submittedIds) {
      Job j = store.get(id).orElseThrow();
      TraceJob t = byJobId.get(id);
      outcomes.add(new JobOutcome(t.id(), j.user(), j.gpus(), j.submittedAt(), j.startedAt(), j.finishedAt(),
          j.state(), estimates.containsKey(id), estimates.get(id)));
    }
    return new SimResult(config, cluster.totalGpus(), outcomes, unschedulable, options.estimateEvery(),
        trace.notes(), System.nanoTime() - t0);
  }

  /**
   * Passes until one starts nothing; each run handed over is reported RUNNING through the
   * reconciler. One sample serves them all: the GPUs a pass claims the scheduler holds itself.
   */
  private static void schedule(Scheduler scheduler, ResourceMonitor monitor, SimExecutor executor,
      Reconciler reconciler) {
    monitor.sampleOnThisThread();
    // As serve's scheduler thread does: one pass per event, and another only when the pass asks.
    do {
      scheduler.runPass();
      for (SimExecutor.Run r : executor.drainStarted()) {
        reconciler.apply(new ExecutionStatus(r.job().id(), r.job().id(), ExecutionPhase.RUNNING, null, null,
            r.startedAt(), null));
      }
    } while (scheduler.passAgain());
  }

  /** Users from the seeded Zipf draw where the trace has none; time limits as the options say. */
  private List<TraceJob> prepare(List<TraceJob> jobs, SettingsService settings) {
    ZipfUsers users = new ZipfUsers(options.users(), options.seed());
    long defaultLimit = LimitSettings.defaultTimeLimitMinutes(settings.current(LimitSettings.SECTION)) * 60;
    long maxLimit = LimitSettings.maxTimeLimitMinutes(settings.current(LimitSettings.SECTION)) * 60;
    List<TraceJob> out = new ArrayList<>(jobs.size());
    for (TraceJob t : jobs) {
      TraceJob j = t.user() == null ? t.withUser(users.next()) : t;
      long limit;
      if (j.timeLimitSeconds() != null) {
        limit = j.timeLimitSeconds();
      } else if (options.timeLimitFactor() != null) {
        limit = (long) Math.ceil(options.timeLimitFactor() * j.durationSeconds());
      } else {
        limit = defaultLimit;
      }
      // The server refuses a limit over the maximum; a trace job asks for the maximum instead.
      out.add(j.withTimeLimit((int) Math.max(1, Math.min(limit, maxLimit))));
    }
    return out;
  }

  /** The configuration's sections, validated as the settings page validates them. */
  private void apply(SettingsService settings) {
    for (Map.Entry<String, Map<String, Object>> e : config.sections().entrySet()) {
      try {
        settings.update(e.getKey(), e.getValue(), "simulator");
      } catch (ValidationException ex) {
        throw new BadInputException(config.name() + ": " + ex.errors().stream()
            .map(f -> e.getKey() + "." + f.field() + ": " + f.message()).collect(Collectors.joining("; ")));
      } catch (RuntimeException ex) {
        throw new BadInputException(config.name() + ": " + e.getKey() + ": " + ex.getMessage());
      }
    }
  }

  private static void close(Scheduler scheduler, Reconciler reconciler, ResourceMonitor monitor, JobChanges changes) {
    try {
      scheduler.close();
      reconciler.close();
      monitor.close();
      changes.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
