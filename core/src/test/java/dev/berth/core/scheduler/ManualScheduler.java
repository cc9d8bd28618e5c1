package dev.berth.core.scheduler;

import dev.berth.api.AvailabilityPolicy;
import dev.berth.api.AvailabilityVerdict;
import dev.berth.api.ExecutionPhase;
import dev.berth.api.ExecutionStatus;
import dev.berth.api.GpuVerdict;
import dev.berth.api.Job;
import dev.berth.api.JobSubmission;
import dev.berth.api.NodeResources;
import dev.berth.api.NodeVerdict;
import dev.berth.api.QueueOrder;
import dev.berth.api.ResourceSnapshot;
import dev.berth.core.host.Provided;
import dev.berth.core.fairshare.FairShareService;
import dev.berth.core.jobs.JobService;
import dev.berth.core.jobs.SubmissionParser;
import dev.berth.core.metrics.BerthMetrics;
import dev.berth.core.settings.FairshareSettings;
import dev.berth.core.settings.LimitSettings;
import dev.berth.core.settings.SchedulerSettings;
import dev.berth.core.settings.SettingsService;
import dev.berth.testkit.SettableClock;
import dev.berth.testkit.memory.InMemoryQueueStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real scheduler, driven by hand, as db-scheduler's ManualScheduler drives its own: a {@link
 * Scheduler}, {@link Reconciler}, {@link StateWriter}, {@link JobChanges}, {@link PolicyPanel},
 * {@link ResourceMonitor}, {@link SettingsService} and {@link JobService}, wired as {@code
 * BerthServer} wires them, over an {@link InMemoryQueueStore}, a {@link SettableClock}, a {@link
 * SettableProbe} and a {@link RecordingExecutor}. No thread is started: the test submits, sets the
 * resources, calls {@link #runPass()}, moves the clock, reports what the runs did, and asserts.
 *
 * <pre>{@code
 * ManualScheduler berth = ManualScheduler.builder().build();
 * berth.idleGpus("node-a", 1);
 * Job first = berth.submit("ann", 1);
 * Job second = berth.submit("bob", 1);
 * berth.runPass();                        // starts the first
 * berth.finished(first.id(), 0);          // its run ended; the reconciler records it
 * berth.runPass();                        // starts the second
 * }</pre>
 */
final class ManualScheduler implements AutoCloseable {
  private final SettableClock clock;
  private final InMemoryQueueStore store;
  private final SettableProbe probe;
  private final RecordingExecutor executor;
  private final SettingsService settings;
  private final JobChanges changes;
  private final ResourceMonitor monitor;
  private final Scheduler scheduler;
  private final Reconciler reconciler;
  private final JobService jobs;
  private final dev.berth.core.flow.JobFlowService flows;

  private ManualScheduler(Builder b) {
    this.clock = b.clock;
    this.store = b.store;
    this.probe = new SettableProbe(clock);
    this.executor = new RecordingExecutor(clock);
    this.settings = new SettingsService();
    settings.register(SchedulerSettings.SCHEMA);
    settings.register(LimitSettings.SCHEMA);
    settings.register(FairshareSettings.SCHEMA);
    settings.attach(store);
    BerthMetrics metrics = new BerthMetrics();
    this.changes = new JobChanges(store, List.of());
    StateWriter writer = new StateWriter(store, changes);
    this.monitor = new ResourceMonitor(probe, clock, metrics,
        () -> SchedulerSettings.probeIntervalSeconds(settings.current(SchedulerSettings.SECTION)), () -> {});
    this.scheduler = new Scheduler(store, executor, b.order, monitor, new PolicyPanel(b.policies), writer, clock,
        metrics,
        () -> PassRules.from(settings::current),
        () -> SchedulerSettings.probeIntervalSeconds(settings.current(SchedulerSettings.SECTION)),
        b.leadership,
        new FairShareService(store, () -> settings.current(FairshareSettings.SECTION), clock)::snapshot);
    changes.subscribe(scheduler::onChange);
    this.reconciler = new Reconciler(store, executor, writer, scheduler, clock, Duration.ofSeconds(15));
    this.jobs = new JobService(store, executor, b.order, writer, scheduler, metrics, clock,
        new SubmissionParser(name -> executor.templates().stream().filter(t -> t.name().equals(name)).findFirst()
            .orElse(null), "demo"));
    this.flows = new dev.berth.core.flow.JobFlowService(store, jobs, writer, scheduler, clock);
    if (b.maxRunningJobs != null) {
      maxRunningJobs(b.maxRunningJobs);
    }
  }

  static Builder builder() {
    return new Builder();
  }

  // ---------------------------------------------------------------- what a test does

  /** Queues a one-job submission of {@code user} through the job service, as the API does. */
  Job submit(String user, int gpus) {
    return submit(new JobSubmission("job of " + user, user, "demo", Map.of(), gpus, 0));
  }

  /** Queues a job of {@code user} needing {@code gpus} that may run {@code limit}. */
  Job submit(String user, int gpus, Duration limit) {
    return submit(new JobSubmission("job of " + user, user, "demo", Map.of(), gpus, 0, (int) limit.toSeconds()));
  }

  Job submit(JobSubmission submission) {
    return job(jobs.submit(submission).id());
  }

  /** Cancels as {@code actor} would through the API. */
  void cancel(String jobId, String actor) {
    jobs.cancel(jobId, actor);
  }

  /** One scheduling pass; how many jobs it started. */
  int runPass() {
    return scheduler.runPass();
  }

  /** The probe's next sample: one node with {@code count} idle GPUs. */
  void idleGpus(String node, int count) {
    resources(SettableProbe.idleNode(node, count));
  }

  /** The probe's next sample: these nodes, no errors. */
  void resources(NodeResources... nodes) {
    resources(new ResourceSnapshot(clock.instant(), List.of(nodes), List.of()));
  }

  /** The probe's next sample, taken now on this thread (the monitor then holds it). */
  void resources(ResourceSnapshot snapshot) {
    probe.set(snapshot);
    monitor.sampleOnThisThread();
  }

  void advance(Duration by) {
    clock.advance(by);
  }

  void maxRunningJobs(int max) {
    settings.update(SchedulerSettings.SECTION, Map.of(SchedulerSettings.MAX_RUNNING_JOBS, max), "admin");
  }

  /** Stores settings as an admin would on the settings page; the section must be registered. */
  void settings(String section, Map<String, ?> values) {
    settings.update(section, values, "admin");
  }

  /** The run started; the executor pushes it and the reconciler records it. */
  void started(String jobId) {
    push(executor.report(jobId, ExecutionPhase.RUNNING, null, null));
  }

  /** The run has not started, for {@code reason} (an Argo pod left Pending); the executor pushes it. */
  void pending(String jobId, String reason) {
    push(executor.report(jobId, ExecutionPhase.PENDING, null, reason));
  }

  /** The run ended with {@code exitCode}: 0 succeeds, anything else fails. */
  void finished(String jobId, int exitCode) {
    ExecutionPhase phase = exitCode == 0 ? ExecutionPhase.SUCCEEDED : ExecutionPhase.FAILED;
    push(executor.report(jobId, phase, exitCode, null));
  }

  /** The run stopped after a cancel. */
  void stopped(String jobId) {
    push(executor.report(jobId, ExecutionPhase.CANCELLED, null, "cancelled"));
  }

  /** Reports pushed together, as the reconciler's thread takes them in one round. */
  void reportRound(ExecutionStatus... reports) {
    reconciler.applyRound(List.of(reports));
  }

  /** The reconciler's periodic sweep: asks the executor about every active job. */
  void sweep() {
    reconciler.reconcileAll();
  }

  // ---------------------------------------------------------------- what a test reads

  Job job(String id) {
    return store.get(id).orElseThrow(() -> new AssertionError("no job " + id));
  }

  /** The head job that could not start on the last pass, and why; {@link SchedulerStatus#IDLE} when none. */
  SchedulerStatus waiting() {
    return scheduler.status();
  }

  /** The reasons the head job waits, as users read them. */
  List<String> reasons() {
    SchedulerStatus status = scheduler.status();
    return status.blockage() == null ? List.of() : status.blockage().messages();
  }

  /** The queue as the last pass planned it. */
  QueuePlan plan() {
    return scheduler.plan();
  }

  /** A job as the API shows it: place, reasons with codes, start estimate, score. */
  dev.berth.core.jobs.JobView view(String id) {
    return jobs.view(id);
  }

  RecordingExecutor executor() {
    return executor;
  }

  InMemoryQueueStore store() {
    return store;
  }

  SettableClock clock() {
    return clock;
  }

  /** The in-process change feed the live pages follow. */
  JobChangeFeed changes() {
    return changes;
  }

  Scheduler scheduler() {
    return scheduler;
  }

  JobService jobs() {
    return jobs;
  }

  /** Hold, release, resubmit and arrays, as the API's handlers call them. */
  dev.berth.core.flow.JobFlowService flows() {
    return flows;
  }

  /** An executor report heard now, whatever it says: a late or repeated one, for instance. */
  void report(ExecutionStatus status) {
    push(status);
  }

  private void push(ExecutionStatus status) {
    reconciler.apply(status); // what the reconciler's thread does with a pushed status, here and now
  }

  /** Stops nothing that runs (no thread was started) but releases the parts' idle pools. */
  @Override
  public void close() {
    try {
      scheduler.close();
      reconciler.close();
      monitor.close();
      changes.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while closing", e);
    }
  }

  // ---------------------------------------------------------------- building

  static final class Builder {
    private SettableClock clock = new SettableClock();
    private InMemoryQueueStore store = new InMemoryQueueStore();
    private QueueOrder order = new SubmissionOrder();
    private final List<Provided<AvailabilityPolicy>> policies = new ArrayList<>();
    private Leadership leadership = Leadership.ALONE;
    private Integer maxRunningJobs;

    /** The clock every part reads; share one between two schedulers of one test to keep them in step. */
    Builder clock(SettableClock clock) {
      this.clock = clock;
      return this;
    }

    /** The store; another instance over the same storage makes this a second Berth process. */
    Builder store(InMemoryQueueStore store) {
      this.store = store;
      return this;
    }

    /** The queue order under test; first come, first served by default. */
    Builder order(QueueOrder order) {
      this.order = order;
      return this;
    }

    /** Adds a policy under {@code pluginId}; with none, every GPU is eligible. */
    Builder policy(String pluginId, AvailabilityPolicy policy) {
      policies.add(new Provided<>(pluginId, policy));
      return this;
    }

    Builder leadership(Leadership leadership) {
      this.leadership = leadership;
      return this;
    }

    Builder maxRunningJobs(int max) {
      this.maxRunningJobs = max;
      return this;
    }

    ManualScheduler build() {
      if (policies.isEmpty()) {
        policies.add(new Provided<>("all-clear", ManualScheduler::allClear));
      }
      return new ManualScheduler(this);
    }
  }

  /** A policy that finds every host and GPU eligible. */
  static AvailabilityVerdict allClear(ResourceSnapshot snapshot) {
    return new AvailabilityVerdict(snapshot.nodes().stream()
        .map(n -> new NodeVerdict(n.name(), List.of(),
            n.gpus().stream().map(g -> new GpuVerdict(g.index(), List.of())).toList()))
        .toList());
  }
}
