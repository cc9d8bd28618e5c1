package dev.berth.executor.argo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.ExecutionPhase;
import dev.berth.api.ExecutionStatus;
import dev.berth.api.Job;
import dev.berth.testkit.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retries on the mock server, the test playing Argo's controller: each attempt of a job is a
 * workflow of its own, and a restarted Berth finds the attempt it was running.
 */
class ArgoAttemptsTest {
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

  private ArgoHarness start() {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("config-file", TestTemplates.required());
    parameters.put("work-dir", TestTemplates.required());
    Map<String, Object> templates = new LinkedHashMap<>();
    templates.put("train", TestTemplates.ref("proto-gcn", parameters));
    harness = new ArgoHarness(dir.resolve("data"), cluster.executorConfig(dir.resolve("conf"), templates), cluster.clock());
    return harness;
  }

  private static Job train(String id, int attempt) {
    Job job = ArgoHarness.job(id, "train", Map.of("config-file", "c.py", "work-dir", "runs/" + id), 1);
    return job.withFlow(job.flow().withAttempt(attempt));
  }

  @Test
  void aRetryIsANewWorkflowLabelledWithItsAttemptAndTheFirstIsLeftAlone() {
    start();
    Job first = train("12", 1);
    Job retry = train("12", 2);
    harness.executor().submit(first);
    cluster.fail("berth-12", "Failed", "Error (exit code 1)", 1);
    assertThat(harness.pushed().awaitFinished("12", WAIT).attempt()).isEqualTo(1);

    String ref = harness.executor().submit(retry);

    assertThat(ref).isEqualTo("berth-12-a2");
    assertThat(cluster.workflow("berth-12-a2").getMetadata().getLabels())
        .containsEntry("berth.dev/job-id", "12")
        .containsEntry("berth.dev/attempt", "2");
    assertThat(Workflows.section(cluster.workflow("berth-12-a2"), "spec", "podMetadata").get("labels"))
        .isEqualTo(Map.of("berth.dev/installation", "berth", "berth.dev/job-id", "12", "berth.dev/attempt", "2"));
    assertThat(Workflows.phase(cluster.workflow("berth-12"))).isEqualTo("Failed");
    assertThat(harness.executor().status(first)).map(ExecutionStatus::phase).contains(ExecutionPhase.FAILED);
    assertThat(harness.executor().status(first)).map(ExecutionStatus::attempt).contains(1);

    cluster.run("berth-12-a2");
    ExecutionStatus running = harness.pushed().await("12", s -> s.phase() == ExecutionPhase.RUNNING, WAIT);
    assertThat(running.attempt()).isEqualTo(2);
    assertThat(running.executorRef()).isEqualTo("berth-12-a2");
    assertThat(harness.executor().active())
        .extracting(ExecutionStatus::executorRef, ExecutionStatus::attempt)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("berth-12-a2", 2));

    harness.executor().cancel(retry);
    assertThat(Workflows.shutdown(cluster.workflow("berth-12-a2"))).isEqualTo("Terminate");
    assertThat(Workflows.shutdown(cluster.workflow("berth-12"))).isEmpty();
  }

  @Test
  void aRestartedBerthReadoptsTheSecondAttemptAndNeverCreatesItAgain() {
    start();
    Job retry = train("7", 2);
    harness.executor().submit(train("7", 1));
    cluster.fail("berth-7", "Failed", "Error (exit code 1)", 1);
    harness.executor().submit(retry);
    cluster.run("berth-7-a2");
    harness.pushed().await("7", s -> s.attempt() == 2 && s.phase() == ExecutionPhase.RUNNING, WAIT);
    harness.executor().close();

    cluster.setPhase("berth-7-a2", "Succeeded");
    harness.restart();

    ExecutionStatus end = harness.pushed().await("7", s -> s.attempt() == 2 && s.phase().isFinished(), WAIT);
    assertThat(end.phase()).isEqualTo(ExecutionPhase.SUCCEEDED);
    assertThat(end.executorRef()).isEqualTo("berth-7-a2");
    assertThat(harness.executor().status(retry)).contains(end);
    assertThat(harness.executor().status(train("7", 1))).map(ExecutionStatus::attempt).contains(1);

    // The reconciler's resubmission after the restart finds the run; a deleted one is not recreated.
    assertThat(harness.executor().submit(retry)).isEqualTo("berth-7-a2");
    cluster.workflows().withName("berth-7-a2").delete();
    Await.until("workflow berth-7-a2 gone", () -> cluster.workflow("berth-7-a2") == null);
    harness.restart();
    assertThat(harness.executor().submit(retry)).isEqualTo("berth-7-a2");
    assertThat(cluster.workflow("berth-7-a2")).isNull();
    assertThat(harness.executor().status(retry)).map(ExecutionStatus::phase).contains(ExecutionPhase.SUCCEEDED);
    assertThat(harness.executor().status(retry)).map(ExecutionStatus::attempt).contains(2);
  }
}
