package dev.berth.executor.argo;

import dev.berth.testkit.Await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.ExecutionPhase;
import dev.berth.api.ExecutionStatus;
import dev.berth.api.Job;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Findings 1 and 9 of issue 20: Argo calls a workflow Running before its pod runs, and a workflow
 * its controller never picks up stays without a phase. A job is SCHEDULED, with the reason, until
 * its pod runs, and fails after {@code argo.pendingTimeoutMinutes}.
 */
class ArgoPendingPodTest {
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
    return ArgoClusterFixture.job(id, "forever", Map.of("text", "epoch 1"), 1, "gpu-node-1");
  }

  @Test
  void aJobWhosePodWaitsForAGpuIsPendingWithTheSchedulersReasonAndRunsFromThePodsStart() {
    cluster.addNode("gpu-node-1", "gpu-node-1", 1);
    harness = new ArgoClusterFixture(cluster, dir).start(Map.of());
    harness.executor().submit(forever("1"));
    harness.pushed().awaitPhase("1", ExecutionPhase.RUNNING, WAIT);

    Job waiting = forever("2");
    harness.executor().submit(waiting);

    ExecutionStatus pending =
        harness.pushed().await("2", s -> s.message() != null && s.message().startsWith("waiting for a GPU"), WAIT);
    assertThat(pending.phase()).isEqualTo(ExecutionPhase.PENDING);
    assertThat(pending.message()).isEqualTo("waiting for a GPU: 1/1 nodes are available: 1 Insufficient nvidia.com/gpu.");
    assertThat(Workflows.phase(cluster.workflow("berth-2"))).isEqualTo("Running");
    assertThat(harness.executor().status(waiting)).map(ExecutionStatus::phase).contains(ExecutionPhase.PENDING);

    Instant freed = cluster.clock().advance(Duration.ofMinutes(20));
    cluster.controller().finish("berth-1", 0);

    ExecutionStatus running = harness.pushed().awaitPhase("2", ExecutionPhase.RUNNING, WAIT);
    assertThat(running.startedAt()).isEqualTo(freed);
    assertThat(Instant.parse(Workflows.text(cluster.workflow("berth-2"), "status", "startedAt")))
        .isBefore(freed);
    assertThat(harness.pushed().of("2")).filteredOn(s -> s.phase() == ExecutionPhase.RUNNING)
        .allMatch(s -> s.startedAt().equals(freed));
  }

  @Test
  void aPodThatCannotBeScheduledWithinThePendingTimeoutFailsTheJobWithTheReasonAndStopsTheWorkflow() {
    cluster.addNode("gpu-node-1", "gpu-node-1", 0);
    harness = new ArgoClusterFixture(cluster, dir).start(Map.of()).withSettings(Map.of("pendingTimeoutMinutes", "45"));
    harness.restart();
    Job job = forever("3");
    harness.executor().submit(job);
    harness.pushed().await("3", s -> s.message() != null && s.message().startsWith("waiting for a GPU"), WAIT);

    cluster.clock().advance(Duration.ofMinutes(44));
    assertThat(harness.executor().status(job)).map(ExecutionStatus::phase).contains(ExecutionPhase.PENDING);
    cluster.clock().advance(Duration.ofMinutes(1));

    ExecutionStatus failed = harness.pushed().awaitFinished("3", WAIT);
    assertThat(failed.phase()).isEqualTo(ExecutionPhase.FAILED);
    assertThat(failed.message()).isEqualTo("did not start within 45 minutes (argo.pendingTimeoutMinutes):"
        + " waiting for a GPU: 1/1 nodes are available: 1 Insufficient nvidia.com/gpu.");
    Await.until("the workflow to be stopped", () -> !Workflows.shutdown(cluster.workflow("berth-3")).isBlank());
    assertThat(harness.executor().status(job)).contains(failed);
  }

  @Test
  void aWorkflowArgosControllerNeverPicksUpSaysSoAndFailsAfterTheTimeout() {
    // No controller: it is down, or its instanceID filters Berth's workflows out.
    harness = new ArgoHarness(dir.resolve("data"),
        cluster.executorConfig(dir.resolve("conf"), TestTemplates.all()), cluster.clock());
    Job job = forever("4");
    harness.executor().submit(job);

    ExecutionStatus waiting = harness.pushed().awaitPhase("4", ExecutionPhase.PENDING, WAIT);
    assertThat(waiting.message()).isEqualTo(WorkflowStatuses.NOT_PICKED_UP);

    cluster.clock().advance(Duration.ofMinutes(30));
    ExecutionStatus failed = harness.pushed().awaitFinished("4", WAIT);
    assertThat(failed.phase()).isEqualTo(ExecutionPhase.FAILED);
    assertThat(failed.message()).endsWith(WorkflowStatuses.NOT_PICKED_UP);
  }
}
