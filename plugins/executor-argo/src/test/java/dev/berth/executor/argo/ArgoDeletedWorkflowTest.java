package dev.berth.executor.argo;

import dev.berth.testkit.Await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.ExecutionPhase;
import dev.berth.api.ExecutionStatus;
import dev.berth.api.Job;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Findings 5 and 6 of issue 20: Argo's TTL or retention deletes a workflow while Berth is down, or
 * while its watch is broken. Berth reports the end it saw, never runs a job twice, and says it
 * cannot know the end only when it truly cannot.
 */
class ArgoDeletedWorkflowTest {
  private static final Duration WAIT = Await.DEFAULT_TIMEOUT;

  @RegisterExtension final FakeArgoCluster cluster = new FakeArgoCluster();
  @TempDir Path dir;
  private ArgoHarness harness;

  @AfterEach
  void close() {
    if (harness != null) {
      harness.close();
    }
  }

  private static Job forever(String id) {
    return ArgoClusterFixture.job(id, "train", Map.of(), 0, "gpu-node-1");
  }

  private void start() {
    cluster.addWorkflowTemplate("proto-gcn", Map.of(), Map.of("ttlStrategy", Map.of("secondsAfterCompletion", 60)));
    harness = new ArgoClusterFixture(cluster, dir).start(Map.of());
  }

  private void ttlPasses() {
    cluster.clock().advance(Duration.ofMinutes(1));
    cluster.controller().collectGarbage();
  }

  @Test
  void aRunBerthSawSucceedIsStillSucceededAfterARestartOnceTheTtlDeletedIt() {
    start();
    Job job = forever("1");
    harness.executor().submit(job);
    harness.pushed().awaitPhase("1", ExecutionPhase.RUNNING, WAIT);
    cluster.controller().finish("berth-1", 0);
    ExecutionStatus end = harness.pushed().awaitFinished("1", WAIT);
    assertThat(end.phase()).isEqualTo(ExecutionPhase.SUCCEEDED);
    harness.executor().close();

    ttlPasses();
    assertThat(cluster.workflow("berth-1")).isNull();
    harness.restart();

    assertThat(harness.executor().status(ArgoHarness.running(job))).contains(end);
  }

  @Test
  void aScheduledJobWhoseWorkflowTheTtlDeletedIsNotRunTwice() {
    start();
    Job job = forever("2");
    // The scheduler keeps no executorRef for a SCHEDULED job: the reconciler resubmits it.
    harness.executor().submit(job);
    harness.pushed().awaitPhase("2", ExecutionPhase.RUNNING, WAIT);
    harness.executor().close();

    cluster.controller().finish("berth-2", 0);
    ttlPasses();
    assertThat(cluster.workflow("berth-2")).isNull();
    harness.restart();

    ExecutionStatus status = harness.executor().status(job).orElseThrow();
    assertThat(status.phase()).isEqualTo(ExecutionPhase.FAILED);
    assertThat(status.message()).isEqualTo("workflow deleted by Kubernetes before Berth saw its end");
    assertThat(harness.executor().submit(job)).isEqualTo("berth-2");
    assertThat(cluster.workflow("berth-2")).isNull();
    assertThat(cluster.client().pods().inNamespace(FakeArgoCluster.NAMESPACE).list().getItems())
        .extracting(p -> p.getMetadata().getName()).containsExactly("berth-2-main");
  }

  @Test
  void aDeletionFoundByARelistAfter410IsNotReadFromTheStaleRunningObject() throws Exception {
    cluster.addWorkflowTemplate("proto-gcn", Map.of(), Map.of());
    try (TcpProxy proxy = new TcpProxy(cluster.port())) {
      cluster.startController();
      Map<String, Object> config =
          cluster.executorConfig(dir.resolve("conf"), Map.of("train", TestTemplates.ref("proto-gcn", Map.of())),
              proxy.port());
      harness = new ArgoHarness(dir.resolve("data"), config, cluster.clock());
      harness.executor().submit(forever("3"));
      harness.pushed().awaitPhase("3", ExecutionPhase.RUNNING, WAIT);

      proxy.cut();
      cluster.answerWatchesWithGone(true);
      cluster.controller().finish("berth-3", 0);
      cluster.workflows().withName("berth-3").delete();
      proxy.restore();

      ExecutionStatus end = harness.pushed().awaitFinished("3", WAIT);
      cluster.answerWatchesWithGone(false);
      assertThat(end.phase()).isEqualTo(ExecutionPhase.FAILED);
      assertThat(end.message()).isEqualTo(WorkflowStatuses.DELETED_UNSEEN);
    }
  }
}
