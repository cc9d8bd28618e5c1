package dev.berth.executor.local;

import static dev.berth.executor.local.LocalExecutorHarness.job;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.ExecutionPhase;
import dev.berth.api.ExecutionStatus;
import dev.berth.api.Job;
import dev.berth.testkit.Await;
import dev.berth.testkit.ExecutorStatusRecorder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A new executor instance picks up what an earlier one started, and is not fooled by PID reuse. */
class ReadoptionTest {
  @TempDir Path dataDir;
  @TempDir Path signals;
  private LocalExecutorHarness harness;

  @BeforeEach
  void start() {
    harness = new LocalExecutorHarness(dataDir, TestTemplates.config(2));
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void jobEndingAfterARestartIsReportedByTheNewInstanceOnly() throws IOException {
    Path release = signals.resolve("release");
    Job job =
        job(
            "1",
            "hold",
            Map.of("text", "holding", "release", release.toString(), "code", "3"),
            List.of());
    String ref = harness.submit(job);
    harness.awaitLog(job, "holding");
    ExecutorStatusRecorder oldListener = harness.pushed();

    harness.restart();
    assertThat(harness.executor().status(job).orElseThrow().phase())
        .isEqualTo(ExecutionPhase.RUNNING);
    Files.createFile(release);

    ExecutionStatus pushedEnd = harness.pushed().awaitFinished("1", Await.DEFAULT_TIMEOUT);
    assertThat(pushedEnd.phase()).isEqualTo(ExecutionPhase.FAILED);
    assertThat(pushedEnd.exitCode()).isEqualTo(3);
    assertThat(pushedEnd.executorRef()).isEqualTo(ref);
    assertThat(harness.executor().status(job)).contains(pushedEnd);
    assertThat(harness.executor().readLog(job, 0, 4096).text()).isEqualTo("holding\nreleased\n");
    assertThat(oldListener.of("1"))
        .as("pushed by the closed instance")
        .noneMatch(s -> s.phase().isFinished());
  }

  @Test
  void recordedPidNowUsedByAnotherProcessCountsAsVanished() throws IOException {
    long reused = ProcessHandle.current().pid();
    record("5", reused, "1");

    LocalJobExecutor executor = harness.restart();
    Job job = job("5", "greet", Map.of("text", "x"), List.of());

    ExecutionStatus status = executor.status(job).orElseThrow();
    assertThat(status.phase()).isEqualTo(ExecutionPhase.FAILED);
    assertThat(status.message()).isEqualTo(LocalRun.VANISHED);
    assertThat(status.exitCode()).isNull();
    assertThat(executor.active()).isEmpty();
    assertThat(executor.submit(job)).as("never started twice").isEqualTo(Long.toString(reused));
    assertThat(executor.status(job)).contains(status);
  }

  @Test
  void processKilledWhileBerthWasDownCountsAsVanished() throws Exception {
    Process sleeper = new ProcessBuilder("sleep", "600").start();
    String start = new ProcessTable(Path.of("/proc")).startTime(sleeper.pid()).orElseThrow();
    record("6", sleeper.pid(), start);
    LocalJobExecutor executor = harness.restart();
    Job job = job("6", "greet", Map.of("text", "x"), List.of());
    assertThat(executor.status(job).orElseThrow().phase()).isEqualTo(ExecutionPhase.RUNNING);

    sleeper.destroyForcibly();
    assertThat(sleeper.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(harness.pushed().awaitFinished("6", Await.DEFAULT_TIMEOUT).message())
        .isEqualTo(LocalRun.VANISHED);
    assertThat(executor.status(job).orElseThrow().phase()).isEqualTo(ExecutionPhase.FAILED);
    assertThat(executor.active()).isEmpty();
  }

  @Test
  void closingLeavesJobsRunning() {
    Job job = job("1", "forever", Map.of("text", "up"), List.of());
    long pgid = Long.parseLong(harness.submit(job));
    harness.awaitLog(job, "up");

    harness.executor().close();

    assertThat(ProcessGroups.isAlive(pgid)).isTrue();
    assertThat(harness.restart().active()).extracting(ExecutionStatus::jobId).containsExactly("1");
  }

  /** Writes a run record as an earlier instance would have. */
  private void record(String jobId, long pid, String processStart) throws IOException {
    JobFiles files = JobFiles.of(Files.createDirectories(dataDir.resolve("jobs")), jobId);
    files.prepareForLaunch();
    files.writeRecord(
        new RunRecord(
            jobId, pid, processStart, Long.toString(pid), Instant.parse("2026-01-01T00:00:00Z"), 1));
  }
}
