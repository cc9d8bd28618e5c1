package dev.berth.executor.local;

import dev.berth.api.ExecutionStatus;
import dev.berth.api.Job;
import dev.berth.testkit.Await;
import dev.berth.testkit.ExecutorStatusRecorder;
import dev.berth.testkit.JobBuilder;
import dev.berth.testkit.SettableClock;
import dev.berth.testkit.TestPluginContext;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds local executors over one data dir for the plugin's own tests, and on close stops every job
 * they started and waits until the processes are gone.
 */
final class LocalExecutorHarness implements AutoCloseable {
  private final Path dataDir;
  private final Map<String, Object> config;
  private final List<LocalJobExecutor> built = new ArrayList<>();
  private final List<Job> submitted = new ArrayList<>();
  private LocalJobExecutor executor;
  private ExecutorStatusRecorder pushed;
  /** Shared by every instance built, as the host's clock is across a restart. */
  private final SettableClock clock = new SettableClock();

  LocalExecutorHarness(Path dataDir, Map<String, Object> config) {
    this.dataDir = dataDir;
    this.config = config;
    open();
  }

  static Job job(String id, String template, Map<String, String> parameters, List<Integer> gpus) {
    return JobBuilder.job(id)
        .name("test " + id)
        .template(template)
        .parameters(parameters)
        .scheduledOn("local", gpus, Instant.parse("2026-01-01T00:00:00Z"))
        .build();
  }

  Path dataDir() {
    return dataDir;
  }

  /** The default working directory of a job. */
  Path workDirOf(String jobId) {
    return dataDir.resolve("work").resolve("jobs").resolve(jobId);
  }

  SettableClock clock() {
    return clock;
  }

  LocalJobExecutor executor() {
    return executor;
  }

  ExecutorStatusRecorder pushed() {
    return pushed;
  }

  /** Closes the current executor, leaving its jobs running, and builds a new one. */
  LocalJobExecutor restart() {
    executor.close();
    return open();
  }

  String submit(Job job) {
    submitted.add(job);
    return executor.submit(job);
  }

  ExecutionStatus awaitEnd(Job job) {
    return Await.until(
            "job " + job.id() + " to end",
            () -> executor.status(job),
            s -> s.isPresent() && s.get().phase().isFinished())
        .orElseThrow();
  }

  String awaitLog(Job job, String text) {
    return Await.until(
        "log of job " + job.id() + " to contain '" + text + "'",
        () -> executor.readLog(job, 0, 1 << 20).text(),
        log -> log.contains(text));
  }

  private LocalJobExecutor open() {
    executor =
        new LocalJobExecutor(new TestPluginContext("local", config, clock, dataDir));
    built.add(executor);
    pushed = new ExecutorStatusRecorder();
    executor.start(pushed);
    return executor;
  }

  @Override
  public void close() {
    try {
      for (Job job : submitted) {
        executor.cancel(job);
      }
      for (Job job : submitted) {
        executor
            .status(job)
            .map(ExecutionStatus::executorRef)
            .map(Long::parseLong)
            .ifPresent(
                pgid ->
                    Await.until(
                        "process group " + pgid + " gone",
                        () -> !ProcessGroups.hasLiveMember(pgid)));
      }
    } finally {
      built.forEach(LocalJobExecutor::close);
    }
  }
}
