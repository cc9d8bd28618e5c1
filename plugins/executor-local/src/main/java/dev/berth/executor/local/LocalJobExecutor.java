package dev.berth.executor.local;

import dev.berth.api.ExecutionException;
import dev.berth.api.ExecutionListener;
import dev.berth.api.ExecutionPhase;
import dev.berth.api.ExecutionStatus;
import dev.berth.api.Job;
import dev.berth.api.JobExecutor;
import dev.berth.api.JobTemplate;
import dev.berth.api.LogChunk;
import dev.berth.api.PluginContext;
import dev.berth.plugin.support.StatusNotifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.pf4j.Extension;
import org.slf4j.Logger;

/**
 * Runs each job as a process group on this machine (plugin {@code local}, config section {@code
 * executor.local}). Jobs keep running when Berth stops or crashes; a new instance re-adopts them
 * from the files under {@code <dataDir>/jobs/}.
 *
 * <p>Config keys: {@code templates} (name → {@code command}, {@code description}, {@code workDir},
 * {@code parameters}), {@code workRoot} (default {@code <dataDir>/work}), {@code killGraceSeconds}
 * (default 10), {@code environment} (variables every job gets) and {@code runAs} (the OS user jobs
 * run as). A template may set {@code timeLimit} (a duration such as {@code 2h}): the default limit of
 * its jobs. A run is stopped at its job's time limit the way a cancel stops it, and ends TIMED_OUT.
 */
@Extension
public final class LocalJobExecutor implements JobExecutor, AutoCloseable {
  private final Logger log;
  private final Clock clock;
  private final Path jobsRoot;
  /** Whether this instance has made the jobs directory private; see {@link #prepareForLaunch}. */
  private volatile boolean jobsRootReady;
  private final Map<String, CommandTemplate> templates;
  private final List<JobTemplate> descriptors;
  private final WorkDirs workDirs;
  private final ProcessTable processes;
  private final ProcessLauncher launcher;
  private final ProcessGroupSignals signals;
  private final StatusNotifier notifier;
  private final RunDeadlines deadlines;
  private final Map<String, LocalRun> runs = new ConcurrentHashMap<>();
  private final Object submitLock = new Object();

  /**
   * Reads the config and re-adopts the runs an earlier instance started.
   *
   * @throws IllegalArgumentException when the config is wrong, naming the key
   */
  public LocalJobExecutor(PluginContext context) {
    LocalExecutorConfig config = LocalExecutorConfig.from(context.config(), context.dataDir());
    this.log = context.logger();
    this.clock = context.clock();
    this.jobsRoot = context.dataDir().toAbsolutePath().resolve("jobs");
    this.templates = config.templates();
    this.descriptors = templates.values().stream().map(CommandTemplate::descriptor).toList();
    Optional<RunAsUser> runAs = runAs(config, context);
    this.workDirs = new WorkDirs(config.workRoot(), runAs);
    this.processes = new ProcessTable(Path.of("/proc"));
    this.launcher =
        new ProcessLauncher(
            new JobEnvironment(System.getenv(), config.environment(), runAs), runAs);
    this.signals = new ProcessGroupSignals(processes, config.killGrace(), log);
    this.notifier = new StatusNotifier(log, "berth-local-status");
    this.deadlines = new RunDeadlines(clock, this::timeOut);
    warnAboutUndeclaredPlaceholders();
    readopt();
  }

  /** The run-as user, checked now so that a setup that cannot work fails the start. */
  private static Optional<RunAsUser> runAs(LocalExecutorConfig config, PluginContext context) {
    if (config.runAs().isEmpty()) {
      return Optional.empty();
    }
    try {
      Files.createDirectories(config.workRoot());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the work root " + config.workRoot(), e);
    }
    String key = context.config().path() + ".runAs";
    return Optional.of(RunAsUser.resolve(key, config.runAs().get(), config.workRoot()));
  }

  @Override
  public void start(ExecutionListener listener) {
    notifier.listenTo(listener);
  }

  @Override
  public List<JobTemplate> templates() {
    return descriptors;
  }

  @Override
  public String submit(Job job) {
    if (!JobFiles.isSafeId(job.runId())) {
      throw new ExecutionException("job id '" + job.id() + "' cannot name a directory");
    }
    synchronized (submitLock) {
      // Each attempt is a run of its own: a retry never adopts the failed run before it.
      Optional<LocalRun> existing = find(job.runId());
      if (existing.isPresent()) {
        return existing.get().record().ref();
      }
      CommandTemplate template = templates.get(job.template());
      if (template == null) {
        throw new ExecutionException(
            "unknown template '"
                + job.template()
                + "'; this executor offers "
                + templates.keySet());
      }
      LaunchPlan plan = LaunchPlan.of(template, job);
      Path workDir = workDirs.prepare(plan.workDir());
      LocalRun run = launch(job, plan, workDir);
      log.info("job {} started as process group {}", job.id(), run.record().pid());
      return run.record().ref();
    }
  }

  private LocalRun launch(Job job, LaunchPlan plan, Path workDir) {
    JobFiles files = JobFiles.of(jobsRoot, job.runId());
    Process wrapper;
    try {
      prepareForLaunch(files);
      wrapper = launcher.spawn(job.id(), plan, workDir, files);
    } catch (IOException e) {
      throw new ExecutionException("cannot start job " + job.id() + ": " + e.getMessage(), e);
    }
    RunRecord record;
    try {
      String processStart =
          processes
              .startTime(wrapper.pid())
              .orElseThrow(() -> new IOException("the wrapper process ended at once"));
      record =
          new RunRecord(
              job.id(), wrapper.pid(), processStart, Long.toString(wrapper.pid()), clock.instant(),
              job.attempt());
      files.writeRecord(record);
    } catch (IOException | RuntimeException e) {
      launcher.abort(wrapper);
      throw new ExecutionException("cannot record the run of job " + job.id() + ": " + e, e);
    }
    LocalRun run = new LocalRun(record, files, processes);
    runs.put(job.runId(), run);
    armDeadline(run, job);
    try {
      launcher.release(wrapper);
    } catch (IOException e) {
      // The wrapper died before reading its go-ahead; its status will say it vanished.
      log.warn(
          "job {}: the wrapper process ended before it could start: {}", job.id(), e.toString());
    }
    ExecutionStatus running = run.running();
    notifier.push(() -> running);
    wrapper.onExit().thenRun(() -> pushEnd(run));
    return run;
  }

  /**
   * Makes the run's directory. The jobs directory is made private once, not on every launch (two
   * file-system calls less between two jobs); if it has gone since, the run's directory cannot be
   * made, and the jobs directory is made again, private, before one more try.
   */
  private void prepareForLaunch(JobFiles files) throws IOException {
    if (jobsRootReady) {
      try {
        files.prepareForLaunch();
        return;
      } catch (NoSuchFileException gone) {
        jobsRootReady = false;
      }
    }
    Files.createDirectories(jobsRoot);
    Files.setPosixFilePermissions(jobsRoot, JobFiles.PRIVATE_DIR);
    jobsRootReady = true;
    files.prepareForLaunch();
  }

  @Override
  public Optional<ExecutionStatus> status(Job job) {
    Optional<LocalRun> run = find(job.runId());
    run.ifPresent(r -> armDeadline(r, job));
    return run.map(LocalRun::status);
  }

  @Override
  public void timeLimitChanged(Job job) {
    find(job.runId()).ifPresent(run -> armDeadline(run, job));
  }

  /**
   * Stops the run at its recorded start plus the job's limit. The record's start survives a
   * restart, so a re-adopted run keeps its deadline; the host hands over the current limit with
   * every call, so a raised one moves it.
   */
  private void armDeadline(LocalRun run, Job job) {
    if (job.timeLimitSeconds() == null || run.isFinished()) {
      return;
    }
    deadlines.arm(job.runId(), run.record().startedAt().plusSeconds(job.timeLimitSeconds()));
  }

  /** On the deadline thread: marks the run timed out, then SIGTERM, and SIGKILL after the grace. */
  private void timeOut(String runId) {
    LocalRun run = runs.get(runId);
    String jobId = runId;
    if (run == null) {
      return;
    }
    synchronized (run) {
      if (run.isFinished()) {
        return;
      }
      try {
        run.files().markTimedOut(clock.instant());
      } catch (IOException e) {
        // Without the marker the end reads FAILED; the host still sees it ran to its limit.
        log.warn("job {}: cannot record the time-out: {}", jobId, e.toString());
      }
      log.info("job {}: reached its time limit; stopping process group {}", jobId, run.record().pid());
      signals.terminate(run.record().pid(), run.record().processStart());
    }
  }

  @Override
  public void cancel(Job job) {
    find(job.runId()).ifPresent(this::stop);
  }

  private void stop(LocalRun run) {
    synchronized (run) {
      if (run.files().timedOut() && !run.files().cancelRequested() && run.isProcessAlive()) {
        // Resumed after a restart: a stop for the time limit, not a cancel.
        signals.terminate(run.record().pid(), run.record().processStart());
        return;
      }
      if (run.isFinished()) {
        return;
      }
      try {
        run.files().markCancelRequested(clock.instant());
      } catch (IOException e) {
        // Without the marker the end reads FAILED instead of CANCELLED, which the API allows.
        log.warn(
            "job {}: cannot record the cancel request: {}", run.record().jobId(), e.toString());
      }
      log.info("job {}: stopping process group {}", run.record().jobId(), run.record().pid());
      signals.terminate(run.record().pid(), run.record().processStart());
    }
  }

  @Override
  public LogChunk readLog(Job job, long offset, int maxBytes) {
    Optional<LocalRun> run = find(job.runId());
    if (run.isEmpty()) {
      return new LogChunk("", offset, true);
    }
    boolean finished = run.get().isFinished();
    return LogFiles.read(run.get().files().log(), offset, maxBytes, finished);
  }

  @Override
  public String tailLog(Job job, int lines) {
    return find(job.runId()).map(run -> LogFiles.tail(run.files().log(), lines)).orElse("");
  }

  @Override
  public List<ExecutionStatus> active() {
    List<ExecutionStatus> active = new ArrayList<>();
    for (LocalRun run : runs.values()) {
      ExecutionStatus status = run.status();
      if (status.phase() == ExecutionPhase.RUNNING) {
        active.add(status);
      }
    }
    return active;
  }

  /** Stops watching and pushing; the jobs keep running. */
  @Override
  public void close() {
    deadlines.close();
    notifier.close();
    signals.close();
  }

  /** The run {@code runId}, from memory or, when another instance started it, from disk. */
  private Optional<LocalRun> find(String runId) {
    LocalRun known = runs.get(runId);
    if (known != null || !JobFiles.isSafeId(runId)) {
      return Optional.ofNullable(known);
    }
    JobFiles files = JobFiles.of(jobsRoot, runId);
    if (!files.hasRecord()) {
      return Optional.empty();
    }
    try {
      // A finished run read from disk is answered but not kept: memory holds live runs only.
      return files.readRecord().map(record -> {
        LocalRun run = new LocalRun(record, files, processes);
        return run.isFinished() ? run : runs.computeIfAbsent(runId, id -> run);
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void warnAboutUndeclaredPlaceholders() {
    for (CommandTemplate template : templates.values()) {
      for (String name : template.undeclaredPlaceholders()) {
        log.warn(
            "template {} uses the placeholder '{}' but declares no such parameter: its jobs will be"
                + " refused unless they set it",
            template.name(),
            "${" + name + "}");
      }
      for (String name : ShellScripts.placeholdersParsedByAShell(template.command())) {
        log.warn(
            "template {} puts '{}' inside a shell script, where a job value becomes code; pass it"
                + " as an argument after the script (\"$1\") or read {} instead",
            template.name(),
            "${" + name + "}",
            "$" + LaunchPlan.parameterVariable(name));
      }
    }
  }

  /** Finds the runs an earlier instance left and watches those still going. */
  private void readopt() {
    if (!Files.isDirectory(jobsRoot)) {
      return;
    }
    try {
      Files.setPosixFilePermissions(jobsRoot, JobFiles.PRIVATE_DIR);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot restrict access to " + jobsRoot, e);
    }
    List<Path> dirs;
    try (Stream<Path> listing = Files.list(jobsRoot)) {
      dirs = listing.filter(Files::isDirectory).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + jobsRoot, e);
    }
    for (Path dir : dirs) {
      String jobId = dir.getFileName().toString();
      if (!JobFiles.isSafeId(jobId)) {
        continue;
      }
      JobFiles files = JobFiles.of(jobsRoot, jobId);
      Optional<RunRecord> record;
      try {
        files.restrictAccess();
        record = files.readRecord();
      } catch (IOException e) {
        log.warn("ignoring job directory {}: {}", dir, e.getMessage());
        continue;
      }
      record.ifPresent(r -> adopt(new LocalRun(r, files, processes)));
    }
  }

  private void adopt(LocalRun run) {
    if (run.isFinished()) {
      return; // found on disk when asked; keeping every past run in memory would grow without end
    }
    runs.put(run.record().runId(), run);
    Optional<ProcessHandle> handle = ProcessHandle.of(run.record().pid());
    if (handle.isEmpty()) {
      return;
    }
    log.info("job {}: re-adopted process group {}", run.record().jobId(), run.record().pid());
    handle.get().onExit().thenRun(() -> pushEnd(run));
    if (run.files().cancelRequested() || run.files().timedOut()) {
      // The instance that asked may have closed before its SIGKILL was due: stop it again.
      stop(run);
    }
  }

  private void pushEnd(LocalRun run) {
    notifier.push(
        () -> {
          ExecutionStatus status = run.status();
          if (!status.phase().isFinished()) {
            return null;
          }
          // Its files answer from now on; memory keeps live runs only.
          runs.remove(run.record().runId(), run);
          deadlines.disarm(run.record().runId());
          return status;
        });
  }
}
