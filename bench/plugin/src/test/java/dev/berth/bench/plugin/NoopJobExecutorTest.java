package dev.berth.bench.plugin;

import dev.berth.api.Job;
import dev.berth.api.JobExecutor;
import dev.berth.testkit.JobExecutorContract;
import dev.berth.testkit.TestPluginContext;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** The no-op executor keeps every promise of the executor contract. */
class NoopJobExecutorTest extends JobExecutorContract {

  @Override
  protected JobExecutor createExecutor(Path stateDir) {
    return new NoopJobExecutor(new TestPluginContext("bench", Map.of(), Clock.systemUTC(), stateDir));
  }

  @Override
  protected Job succeedingJob(String id) {
    return scheduledJob(id, "noop", Map.of("print", greeting(id)), List.of());
  }

  @Override
  protected Job failingJob(String id) {
    return scheduledJob(id, "noop", Map.of("exitCode", Integer.toString(FAILURE_EXIT_CODE)), List.of());
  }

  @Override
  protected Job longRunningJob(String id) {
    return scheduledJob(id, "hold", Map.of("print", greeting(id)), List.of(0));
  }

  @Override
  protected Job countingJob(String id, int lines) {
    return scheduledJob(id, "noop", Map.of("lines", Integer.toString(lines)), List.of());
  }

  @Override
  protected boolean isRunAlive(Job job, String executorRef) {
    // A virtual run exists only in the executor's bookkeeping.
    return executor().status(job).map(s -> !s.phase().isFinished()).orElse(false);
  }
}
