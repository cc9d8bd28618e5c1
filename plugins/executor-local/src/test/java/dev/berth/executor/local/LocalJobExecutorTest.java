package dev.berth.executor.local;

import dev.berth.api.Job;
import dev.berth.api.JobExecutor;
import dev.berth.testkit.JobExecutorContract;
import dev.berth.testkit.SettableClock;
import dev.berth.testkit.TestPluginContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The local executor against the JobExecutor contract, with real processes. */
class LocalJobExecutorTest extends JobExecutorContract {

  @Override
  protected JobExecutor createExecutor(Path stateDir) {
    return new LocalJobExecutor(
        new TestPluginContext("local", TestTemplates.config(2), new SettableClock(), stateDir));
  }

  @Override
  protected Job succeedingJob(String id) {
    return scheduledJob(id, "greet", Map.of("text", greeting(id)), List.of(0));
  }

  @Override
  protected Job failingJob(String id) {
    return scheduledJob(
        id,
        "greet",
        Map.of("text", "failing", "code", Integer.toString(FAILURE_EXIT_CODE)),
        List.of());
  }

  @Override
  protected Job longRunningJob(String id) {
    return scheduledJob(id, "forever", Map.of("text", greeting(id)), List.of(1));
  }

  @Override
  protected Job countingJob(String id, int lines) {
    return scheduledJob(id, "count", Map.of("lines", Integer.toString(lines)), List.of());
  }

  @Override
  protected boolean isRunAlive(Job job, String executorRef) {
    return ProcessGroups.hasLiveMember(Long.parseLong(executorRef));
  }
}
