package dev.berth.executor.argo;

import dev.berth.api.Job;
import dev.berth.api.JobExecutor;
import dev.berth.testkit.JobExecutorContract;
import dev.berth.testkit.SettableClock;
import dev.berth.testkit.TestPluginContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The argo executor against the JobExecutor contract: workflows on fabric8's mock server (CRUD
 * mode), run by {@link FakeArgoController}, reached through a kubeconfig file.
 */
class ArgoJobExecutorContractTest extends JobExecutorContract {
  @RegisterExtension final FakeArgoCluster cluster = new FakeArgoCluster();
  @TempDir Path configDir;

  @Override
  protected JobExecutor createExecutor(Path stateDir) {
    if (!controllerStarted) {
      cluster.startController();
      controllerStarted = true;
    }
    Map<String, Object> config = cluster.executorConfig(configDir, TestTemplates.all());
    return new ArgoJobExecutor(new TestPluginContext("argo", config, new SettableClock(), stateDir));
  }

  private boolean controllerStarted;

  @Override
  protected Job succeedingJob(String id) {
    return scheduledJob(id, "greet", Map.of("text", greeting(id)), List.of(0));
  }

  @Override
  protected Job failingJob(String id) {
    return scheduledJob(
        id, "greet", Map.of("text", "failing", "code", Integer.toString(FAILURE_EXIT_CODE)), List.of());
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
    return cluster.hasLivePod(executorRef);
  }
}
