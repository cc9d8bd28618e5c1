package dev.berth.executor.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.ExecutionPhase;
import dev.berth.api.ExecutionStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a run's files and process turn into a status; the process table here is a test directory. */
class LocalRunTest {
  private static final long PID = 4242;
  private static final Instant STARTED = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path dir;
  private Path proc;
  private JobFiles files;

  @BeforeEach
  void setUp() throws IOException {
    proc = Files.createDirectories(dir.resolve("proc"));
    files = JobFiles.of(Files.createDirectories(dir.resolve("jobs")), "1");
    files.prepareForLaunch();
  }

  @Test
  void liveProcessWithoutExitCodeIsRunning() throws IOException {
    processRunning("100");

    ExecutionStatus status = run().status();

    assertThat(status)
        .isEqualTo(
            new ExecutionStatus("1", "4242", ExecutionPhase.RUNNING, null, null, STARTED, null));
  }

  @Test
  void exitCodeZeroIsSuccessAndOtherCodesAreFailures() throws IOException {
    Files.writeString(files.exitCode(), "0\n");
    assertThat(run().status().phase()).isEqualTo(ExecutionPhase.SUCCEEDED);

    Files.writeString(files.exitCode(), "2\n");
    ExecutionStatus failed = run().status();
    assertThat(failed.phase()).isEqualTo(ExecutionPhase.FAILED);
    assertThat(failed.exitCode()).isEqualTo(2);
    assertThat(failed.message()).isEqualTo("exit code 2");
    assertThat(failed.finishedAt())
        .isEqualTo(Files.getLastModifiedTime(files.exitCode()).toInstant());
  }

  @Test
  void aCodeWithoutItsNewlineIsStillBeingWrittenWhileTheWrapperLives() throws IOException {
    processRunning("100");
    Files.writeString(files.exitCode(), "12");

    assertThat(run().status().phase()).isEqualTo(ExecutionPhase.RUNNING);
  }

  @Test
  void aCodeLeftWithoutItsNewlineByADeadWrapperIsAFailure() throws IOException {
    Files.writeString(files.exitCode(), "12");

    ExecutionStatus status = run().status();

    assertThat(status.phase()).isEqualTo(ExecutionPhase.FAILED);
    assertThat(status.message()).isEqualTo("unreadable exit code file");
  }

  @Test
  void cancelMarkerMakesAnyEndCancelled() throws IOException {
    files.markCancelRequested(STARTED);
    assertThat(run().status().phase()).isEqualTo(ExecutionPhase.CANCELLED);

    Files.writeString(files.exitCode(), "0\n");
    ExecutionStatus withCode = run().status();
    assertThat(withCode.phase()).isEqualTo(ExecutionPhase.CANCELLED);
    assertThat(withCode.exitCode()).isZero();
  }

  @Test
  void deadProcessWithoutExitCodeVanished() {
    ExecutionStatus status = run().status();

    assertThat(status.phase()).isEqualTo(ExecutionPhase.FAILED);
    assertThat(status.message()).isEqualTo(LocalRun.VANISHED);
  }

  @Test
  void processWithTheSamePidButAnotherStartTimeIsNotTheJob() throws IOException {
    processRunning("999");

    assertThat(run().status().message()).isEqualTo(LocalRun.VANISHED);
  }

  @Test
  void aFinishedStatusNeverChangesAgain() throws IOException {
    LocalRun run = run();
    ExecutionStatus vanished = run.status();

    Files.writeString(files.exitCode(), "0\n");

    assertThat(run.status()).isEqualTo(vanished);
  }

  @Test
  void garbledExitCodeIsAFailure() throws IOException {
    Files.writeString(files.exitCode(), "oops\n");

    ExecutionStatus status = run().status();

    assertThat(status.phase()).isEqualTo(ExecutionPhase.FAILED);
    assertThat(status.exitCode()).isNull();
  }

  private LocalRun run() {
    return new LocalRun(
        new RunRecord("1", PID, "100", "4242", STARTED, 1), files, new ProcessTable(proc));
  }

  private void processRunning(String startTime) throws IOException {
    StringBuilder line = new StringBuilder(PID + " (sh) S");
    for (int field = 4; field <= 52; field++) {
      line.append(' ').append(field == 22 ? startTime : "0");
    }
    Path pidDir = Files.createDirectories(proc.resolve(Long.toString(PID)));
    Files.writeString(pidDir.resolve("stat"), line.toString());
  }
}
