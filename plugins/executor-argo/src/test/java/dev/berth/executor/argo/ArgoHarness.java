package dev.berth.executor.argo;

import dev.berth.api.Job;
import dev.berth.api.JobState;
import dev.berth.testkit.ExecutorStatusRecorder;
import dev.berth.testkit.JobBuilder;
import dev.berth.testkit.SettableClock;
import dev.berth.testkit.TestPluginContext;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds argo executors over one data dir and config for the plugin's own tests, records what they
 * push, and closes them all at the end.
 */
final class ArgoHarness implements AutoCloseable {
  static final Instant SUBMITTED = Instant.parse("2026-03-01T10:00:00Z");

  private final Path dataDir;
  private final Map<String, Object> config;
  private final Clock clock;
  private Map<String, String> settings = Map.of();
  private final List<ArgoJobExecutor> built = new ArrayList<>();
  private ArgoJobExecutor executor;
  private ExecutorStatusRecorder pushed;

  ArgoHarness(Path dataDir, Map<String, Object> config) {
    this(dataDir, config, new SettableClock());
  }

  /** Executors whose clock is {@code clock}: the fake cluster's, when a test moves time. */
  ArgoHarness(Path dataDir, Map<String, Object> config, Clock clock) {
    this.dataDir = dataDir;
    this.config = config;
    this.clock = clock;
    open();
  }

  /** The admin settings of section {@code argo} the next executors see. */
  ArgoHarness withSettings(Map<String, String> values) {
    this.settings = values;
    return this;
  }

  /** A SCHEDULED job of alice on node {@code gpu-node-1}. */
  static Job job(String id, String template, Map<String, String> parameters, int gpus) {
    return JobBuilder.job(id)
        .template(template)
        .parameters(parameters)
        .scheduledOn("gpu-node-1", gpus == 0 ? List.of() : List.of(0), SUBMITTED)
        .gpus(gpus)
        .build();
  }

  /** The same job as the store holds it once it runs: with its workflow's name. */
  static Job running(Job job) {
    return JobBuilder.from(job)
        .state(JobState.RUNNING)
        .startedAt(job.scheduledAt())
        .executorRef("berth-" + job.id())
        .build();
  }

  ArgoJobExecutor executor() {
    return executor;
  }

  ExecutorStatusRecorder pushed() {
    return pushed;
  }

  /** Closes the current executor, leaving its workflows alone, and builds a new one. */
  ArgoJobExecutor restart() {
    executor.close();
    return open();
  }

  private ArgoJobExecutor open() {
    executor = new ArgoJobExecutor(
        new TestPluginContext("argo", config, clock, dataDir).withSettings(settings));
    built.add(executor);
    pushed = new ExecutorStatusRecorder();
    executor.start(pushed);
    return executor;
  }

  @Override
  public void close() {
    built.forEach(ArgoJobExecutor::close);
  }
}
