package dev.berth.executor.local;

import static dev.berth.executor.local.LocalExecutorHarness.job;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.ExecutionPhase;
import dev.berth.api.Job;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without configured templates the executor offers, and runs, the demo. */
class DemoTemplateTest {
  @TempDir Path dataDir;
  private LocalExecutorHarness harness;

  @BeforeEach
  void start() {
    harness = new LocalExecutorHarness(dataDir, Map.of());
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void demoPrintsWhereItRunsAndCounts() {
    Job job = job("4", "demo", Map.of("seconds", "1"), List.of(0, 2));

    harness.submit(job);

    assertThat(harness.awaitEnd(job).phase()).isEqualTo(ExecutionPhase.SUCCEEDED);
    List<String> lines = harness.executor().readLog(job, 0, 4096).text().lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).startsWith("job 4 on ").endsWith(" CUDA_VISIBLE_DEVICES=0,2");
    assertThat(lines.get(1)).isEqualTo("step 1");
  }

  @Test
  void aJobValueIsNeverRunAsCode() {
    Job job = job("5", "demo", Map.of("seconds", "1$(id)"), List.of());

    harness.submit(job);

    assertThat(harness.awaitEnd(job).phase()).isEqualTo(ExecutionPhase.FAILED);
    String log = harness.executor().readLog(job, 0, 4096).text();
    assertThat(log).doesNotContain("uid=").contains("seconds must be a whole number, was '1$(id)'");
  }

  @Test
  void demoPutsNoPlaceholderInsideItsShellScript() {
    assertThat(ShellScripts.placeholdersParsedByAShell(CommandTemplate.demo().command())).isEmpty();
  }
}
