package dev.berth.executor.argo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.Job;
import dev.berth.api.LogChunk;
import dev.berth.testkit.Await;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Logs from the workflow's pods through {@code pods/log}, and their copies once a run ended. */
class JobLogsTest {
  @RegisterExtension final FakeArgoCluster cluster = new FakeArgoCluster();
  @TempDir Path dir;
  private ArgoHarness harness;
  private final Job job = ArgoHarness.job("6", "run", Map.of(), 0);

  private ArgoJobExecutor start() {
    Map<String, Object> templates = Map.of("run", TestTemplates.ref("run", Map.of()));
    harness = new ArgoHarness(dir.resolve("data"), cluster.executorConfig(dir.resolve("conf"), templates));
    harness.executor().submit(job);
    return harness.executor();
  }

  @AfterEach
  void close() {
    if (harness != null) {
      harness.close();
    }
  }

  @Test
  void aPodWhoseContainerHasNotStartedHasNoLogYet() {
    ArgoJobExecutor executor = start();
    cluster.createPod("berth-6", "berth-6-main", "Pending");

    assertThat(executor.readLog(job, 0, 1024)).isEqualTo(new LogChunk("", 0, false));
    assertThat(executor.tailLog(job, 10)).isEmpty();
  }

  @Test
  void severalPodsAreReadOneAfterAnotherUnderTheirNames() {
    ArgoJobExecutor executor = start();
    cluster.createPod("berth-6", "berth-6-1-prepare", "Succeeded");
    cluster.kubelet().print("berth-6-1-prepare", "prepared");
    cluster.createPod("berth-6", "berth-6-2-train", "Running");
    cluster.kubelet().print("berth-6-2-train", "epoch 1\nepoch 2\n");
    cluster.setPhase("berth-6", "Running");

    assertThat(executor.readLog(job, 0, 1 << 16).text())
        .isEqualTo("prepared\n==> berth-6-2-train <==\nepoch 1\nepoch 2\n");
    assertThat(executor.tailLog(job, 2)).isEqualTo("epoch 1\nepoch 2\n");
  }

  @Test
  void theLogOfAFinishedRunIsKeptAfterItsPodsAndWorkflowAreGone() {
    ArgoJobExecutor executor = start();
    cluster.createPod("berth-6", "berth-6-main", "Running");
    cluster.kubelet().print("berth-6-main", "loss 0.9\n");
    cluster.setPhase("berth-6", "Running");
    LogChunk partial = executor.readLog(job, 0, 1024);
    assertThat(partial).isEqualTo(new LogChunk("loss 0.9\n", 9, false));

    cluster.kubelet().print("berth-6-main", "loss 0.1\ndone\n");
    cluster.setPodPhase("berth-6-main", "Succeeded");
    cluster.setPhase("berth-6", "Succeeded");
    Await.until("the log to be kept", () -> dir.resolve("data/logs").toFile().list() != null
        && dir.resolve("data/logs").toFile().list().length == 1);
    cluster.client().pods().inNamespace(FakeArgoCluster.NAMESPACE).withName("berth-6-main").delete();
    cluster.workflows().withName("berth-6").delete();

    assertThat(executor.readLog(job, partial.nextOffset(), 1024)).isEqualTo(new LogChunk("loss 0.1\ndone\n", 23, true));
    assertThat(executor.tailLog(job, 1)).isEqualTo("done\n");
    assertThat(harness.restart().readLog(job, 0, 1024).text()).isEqualTo("loss 0.9\nloss 0.1\ndone\n");
  }
}
