package dev.berth.executor.argo;

import dev.berth.testkit.Await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.ExecutionPhase;
import dev.berth.api.ExecutionStatus;
import dev.berth.api.Job;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding 7 of issue 20: two Berth installations in one namespace both have a job 1. Each names,
 * labels and follows only its own workflows, and the informer reports no workflow of an earlier
 * database whose job id was reused.
 */
class ArgoInstallationsTest {
  @RegisterExtension final FakeArgoCluster cluster = new FakeArgoCluster();
  @TempDir Path dir;
  private ArgoHarness lab;
  private ArgoHarness other;

  @AfterEach
  void close() {
    for (ArgoHarness h : new ArgoHarness[] {lab, other}) {
      if (h != null) {
        h.close();
      }
    }
  }

  private ArgoHarness start(String installation, String data) {
    cluster.startController();
    Map<String, Object> config = cluster.executorConfig(dir.resolve("conf-" + data), TestTemplates.all());
    config.put("installation", installation);
    return new ArgoHarness(dir.resolve(data), config, cluster.clock());
  }

  @Test
  void twoInstallationsInOneNamespaceEachRunAndFollowOnlyTheirOwnJob() {
    lab = start("berth", "lab");
    Job job = ArgoHarness.job("1", "forever", Map.of("text", "lab"), 0);
    assertThat(lab.executor().submit(job)).isEqualTo("berth-1");
    lab.pushed().awaitPhase("1", ExecutionPhase.RUNNING, Await.DEFAULT_TIMEOUT);

    other = new ArgoHarness(dir.resolve("other"), withInstallation("vision"), cluster.clock());
    assertThat(other.executor().submit(job)).isEqualTo("vision-1");
    other.pushed().awaitPhase("1", ExecutionPhase.RUNNING, Await.DEFAULT_TIMEOUT);

    GenericKubernetesResource theirs = cluster.workflow("vision-1");
    assertThat(theirs.getMetadata().getLabels()).containsEntry("berth.dev/installation", "vision");
    assertThat(theirs.getMetadata().getAnnotations()).containsEntry("berth.dev/installation", "vision");
    cluster.controller().finish("vision-1", 3);
    assertThat(other.pushed().awaitFinished("1", Await.DEFAULT_TIMEOUT).exitCode()).isEqualTo(3);
    other.executor().cancel(job);
    assertThat(lab.executor().status(job)).map(ExecutionStatus::phase).contains(ExecutionPhase.RUNNING);
    assertThat(lab.pushed().of("1")).noneMatch(s -> s.phase().isFinished());
    assertThat(Workflows.shutdown(cluster.workflow("berth-1"))).isEmpty();
  }

  @Test
  void theInformerReportsNoWorkflowOfAnEarlierDatabaseWithTheSameJobId() {
    lab = start("berth", "old");
    Job old = ArgoHarness.job("7", "forever", Map.of("text", "old"), 0);
    lab.executor().submit(old);
    lab.pushed().awaitPhase("7", ExecutionPhase.RUNNING, Await.DEFAULT_TIMEOUT);
    lab.close();

    // A fresh database and data directory: job 7 is another job now.
    other = new ArgoHarness(dir.resolve("fresh"), withInstallation("berth"), cluster.clock());
    Job fresh = new Job("7", "new", "bob", "forever", Map.of("text", "new"), 0, 0, old.state(),
        Instant.parse("2026-05-01T00:00:00Z"), old.scheduledAt(), null, null, old.placement(), null, null, null);
    other.executor().submit(ArgoHarness.job("8", "forever", Map.of("text", "x"), 0));
    other.pushed().awaitPhase("8", ExecutionPhase.RUNNING, Await.DEFAULT_TIMEOUT);

    assertThat(other.pushed().of("7")).isEmpty();
    assertThat(other.executor().status(fresh)).isEmpty();
  }

  private Map<String, Object> withInstallation(String installation) {
    Map<String, Object> config = cluster.executorConfig(dir.resolve("conf-" + installation), TestTemplates.all());
    config.put("installation", installation);
    return config;
  }
}
