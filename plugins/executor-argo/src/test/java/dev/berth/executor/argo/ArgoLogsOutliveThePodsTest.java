package dev.berth.executor.argo;

import dev.berth.testkit.Await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.ExecutionPhase;
import dev.berth.api.Job;
import dev.berth.api.LogChunk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Findings 3 and 4 of issue 20: Argo's podGC deletes pods (and their logs) soon after they end, a
 * TTL deletes the workflow, and the kubelet serves only the current rotated log file. Berth keeps
 * the log as it is printed, completes it when the run ends, also after a restart, and says so when
 * part of it was lost.
 */
class ArgoLogsOutliveThePodsTest {
  @RegisterExtension final FakeArgoCluster cluster = new FakeArgoCluster();
  @TempDir Path dir;
  private ArgoHarness harness;
  private final Job job = ArgoClusterFixture.job("6", "train", Map.of(), 0, "gpu-node-1");

  @AfterEach
  void close() {
    if (harness != null) {
      harness.close();
    }
  }

  private void start(Map<String, Object> workflowTemplateSpec) {
    cluster.addWorkflowTemplate("proto-gcn", Map.of(), workflowTemplateSpec);
    harness = new ArgoClusterFixture(cluster, dir).start(Map.of());
    harness.executor().submit(job);
    harness.pushed().awaitPhase("6", ExecutionPhase.RUNNING, Await.DEFAULT_TIMEOUT);
  }

  private String whole() {
    StringBuilder out = new StringBuilder();
    long offset = 0;
    while (true) {
      LogChunk chunk = harness.executor().readLog(job, offset, 1 << 16);
      out.append(chunk.text());
      if (chunk.finished() || chunk.text().isEmpty()) {
        return out.toString();
      }
      offset = chunk.nextOffset();
    }
  }

  private boolean complete() {
    return Files.exists(dir.resolve("data/logs/6-" + ArgoHarness.SUBMITTED.toEpochMilli() + ".log"));
  }

  @Test
  void aRunThatEndedWhileBerthWasDownHasItsLogKeptBeforeTheTtlDeletesItsWorkflow() {
    start(Map.of(
        "podGC", Map.of("strategy", "OnPodCompletion", "deleteDelayDuration", "30m"),
        "ttlStrategy", Map.of("secondsAfterCompletion", 3600)));
    cluster.kubelet().print("berth-6-main", "epoch 1\n");
    harness.executor().close();

    cluster.kubelet().print("berth-6-main", "epoch 2\ndone\n");
    cluster.controller().finish("berth-6", 0);
    harness.restart();
    Await.until("the log to be kept", this::complete);

    cluster.clock().advance(Duration.ofHours(1));
    cluster.controller().collectGarbage();
    assertThat(cluster.workflow("berth-6")).isNull();

    assertThat(whole()).isEqualTo("epoch 1\nepoch 2\ndone\n");
    assertThat(harness.executor().readLog(job, 0, 1 << 16).finished()).isTrue();
  }

  @Test
  void aLogWhosePodWasCollectedBeforeBerthReadItsEndIsMarkedIncomplete() {
    start(Map.of("podGC", Map.of("strategy", "OnPodCompletion")));
    cluster.kubelet().print("berth-6-main", "epoch 1\n");
    Await.until("the first line to be kept", () -> harness.executor().readLog(job, 0, 1024).text().equals("epoch 1\n"));
    harness.executor().close();

    cluster.kubelet().print("berth-6-main", "epoch 2\n");
    cluster.controller().finish("berth-6", 0);
    assertThat(cluster.client().pods().inNamespace(FakeArgoCluster.NAMESPACE).withName("berth-6-main").get()).isNull();
    harness.restart();
    Await.until("the log to be completed", this::complete);

    assertThat(whole()).isEqualTo("epoch 1\n" + String.format(LogFollower.LOST, "berth-6", "berth-6"));
  }

  @Test
  void theLogIsKeptWholeAcrossTheKubeletsRotationAndItsOffsetsNeverJump() {
    start(Map.of());
    cluster.kubelet().print("berth-6-main", "line 1\nline 2\n");
    LogChunk first = Await.until("two lines", () -> harness.executor().readLog(job, 0, 1024),
        c -> c.text().equals("line 1\nline 2\n"));

    cluster.kubelet().rotate("berth-6-main");
    cluster.kubelet().print("berth-6-main", "line 3\n");

    LogChunk next = Await.until("the third line", () -> harness.executor().readLog(job, first.nextOffset(), 1024),
        c -> !c.text().isEmpty());
    assertThat(next).isEqualTo(new LogChunk("line 3\n", 21, false));

    cluster.controller().finish("berth-6", 0);
    Await.until("the log to be completed", this::complete);
    assertThat(whole()).isEqualTo("line 1\nline 2\nline 3\n");
  }
}
