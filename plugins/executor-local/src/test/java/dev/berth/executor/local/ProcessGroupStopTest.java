package dev.berth.executor.local;

import static dev.berth.executor.local.LocalExecutorHarness.job;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.ExecutionPhase;
import dev.berth.api.ExecutionStatus;
import dev.berth.api.Job;
import dev.berth.testkit.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cancel stops everything the job started, whatever it does with SIGTERM. */
class ProcessGroupStopTest {
  @TempDir Path dataDir;
  private LocalExecutorHarness harness;

  @BeforeEach
  void start() {
    harness = new LocalExecutorHarness(dataDir, TestTemplates.config(1));
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void jobRunsInItsOwnProcessGroupLedByTheRecordedProcess() {
    Job job = job("1", "forever", Map.of("text", "up"), List.of());

    long pgid = Long.parseLong(harness.submit(job));
    harness.awaitLog(job, "up");

    assertThat(ProcessGroups.groupOf(pgid)).isEqualTo(pgid);
    assertThat(ProcessGroups.sessionOf(pgid)).isEqualTo(pgid);
    assertThat(ProcessGroups.groupOf(ProcessHandle.current().pid())).isNotEqualTo(pgid);
  }

  @Test
  void cancelKillsTheGrandchildrenToo() throws IOException {
    Job job = job("1", "family", Map.of(), List.of());
    long pgid = Long.parseLong(harness.submit(job));
    harness.awaitLog(job, "started");
    long grandchild =
        Long.parseLong(Files.readString(harness.workDirOf("1").resolve("grandchild.pid")).strip());
    assertThat(ProcessGroups.isAlive(grandchild)).isTrue();

    harness.executor().cancel(job);
    ExecutionStatus end = harness.awaitEnd(job);

    assertThat(end.phase()).isEqualTo(ExecutionPhase.CANCELLED);
    Await.until("grandchild " + grandchild + " gone", () -> !ProcessGroups.isAlive(grandchild));
    Await.until("process group gone", () -> !ProcessGroups.hasLiveMember(pgid));
  }

  @Test
  void jobIgnoringSigtermIsKilledAfterTheGracePeriod() {
    Job job = job("1", "stubborn", Map.of(), List.of());
    long pgid = Long.parseLong(harness.submit(job));
    harness.awaitLog(job, "ready");

    harness.executor().cancel(job);

    assertThat(harness.pushed().awaitFinished("1", Await.DEFAULT_TIMEOUT).phase())
        .isEqualTo(ExecutionPhase.CANCELLED);
    Await.until("process group gone", () -> !ProcessGroups.hasLiveMember(pgid));
    assertThat(harness.executor().status(job).orElseThrow().phase())
        .isEqualTo(ExecutionPhase.CANCELLED);
  }

  @Test
  void stopRequestedBeforeACloseIsFinishedByTheNextInstance() {
    Job job = job("1", "stubborn", Map.of(), List.of());
    long pgid = Long.parseLong(harness.submit(job));
    harness.awaitLog(job, "ready");

    harness.executor().cancel(job);
    harness.restart();

    assertThat(harness.awaitEnd(job).phase()).isEqualTo(ExecutionPhase.CANCELLED);
    Await.until("process group gone", () -> !ProcessGroups.hasLiveMember(pgid));
  }

  @Test
  void cancelledJobKeepsItsExitCodeWhenItHadOne() {
    Job job = job("1", "forever", Map.of("text", "up"), List.of());
    harness.submit(job);
    harness.awaitLog(job, "up");

    harness.executor().cancel(job);
    ExecutionStatus end = harness.awaitEnd(job);

    assertThat(end.phase()).isEqualTo(ExecutionPhase.CANCELLED);
    assertThat(end.exitCode()).isEqualTo(128 + 15);
    assertThat(end.finishedAt()).isNotNull();
  }
}
