package dev.berth.executor.local;

import static dev.berth.executor.local.LocalExecutorHarness.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.ExecutionException;
import dev.berth.api.Job;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where jobs run: always inside the work root. */
class WorkDirTest {
  @TempDir Path dataDir;
  @TempDir Path elsewhere;
  private LocalExecutorHarness harness;

  @AfterEach
  void stop() {
    if (harness != null) {
      harness.close();
    }
  }

  @Test
  void jobWithoutWorkDirRunsInItsOwnDirectory() throws IOException {
    harness = new LocalExecutorHarness(dataDir, TestTemplates.config(2));

    assertThat(printedWorkDir(job("3", "where", Map.of(), List.of())))
        .isEqualTo(dataDir.resolve("work/jobs/3").toRealPath().toString());
  }

  @Test
  void templateWorkDirIsResolvedBelowTheWorkRoot() throws IOException {
    harness = new LocalExecutorHarness(dataDir, TestTemplates.config(2));

    assertThat(printedWorkDir(job("1", "pwd", Map.of("project", "alpha"), List.of())))
        .isEqualTo(dataDir.resolve("work/projects/alpha").toRealPath().toString());
  }

  @Test
  void workDirParameterChoosesTheDirectory() throws IOException {
    harness = new LocalExecutorHarness(dataDir, TestTemplates.config(2));

    assertThat(printedWorkDir(job("1", "where", Map.of("work-dir", "runs/r1"), List.of())))
        .isEqualTo(dataDir.resolve("work/runs/r1").toRealPath().toString());
  }

  @Test
  void configuredWorkRootIsUsed() throws IOException {
    Map<String, Object> config = new java.util.LinkedHashMap<>(TestTemplates.config(2));
    config.put("workRoot", elsewhere.toString());
    harness = new LocalExecutorHarness(dataDir, config);

    assertThat(printedWorkDir(job("1", "where", Map.of(), List.of())))
        .isEqualTo(elsewhere.resolve("jobs/1").toRealPath().toString());
  }

  @Test
  void workDirsLeavingTheWorkRootAreRefused() throws IOException {
    harness = new LocalExecutorHarness(dataDir, TestTemplates.config(2));
    Files.createDirectories(dataDir.resolve("work"));
    Files.createSymbolicLink(dataDir.resolve("work/link"), elsewhere);

    for (Job job :
        List.of(
            job("1", "pwd", Map.of("project", "../../outside"), List.of()),
            job("2", "where", Map.of("work-dir", elsewhere.toString()), List.of()),
            job("3", "where", Map.of("work-dir", "link/inside-the-link"), List.of()))) {
      assertThatThrownBy(() -> harness.executor().submit(job))
          .isInstanceOf(ExecutionException.class)
          .hasMessageContaining("outside the work root");
      assertThat(harness.executor().status(job)).isEmpty();
    }
    assertThat(elsewhere.resolve("inside-the-link")).doesNotExist();
    assertThat(dataDir.resolve("outside")).doesNotExist();
  }

  private String printedWorkDir(Job job) {
    harness.submit(job);
    harness.awaitEnd(job);
    return harness.executor().readLog(job, 0, 4096).text().strip();
  }
}
