package dev.berth.executor.local;

import static dev.berth.executor.local.LocalExecutorHarness.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.ExecutionException;
import dev.berth.api.ExecutionPhase;
import dev.berth.api.Job;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parameters reach the command as whole arguments, never through a shell. */
class ArgvSubstitutionTest {
  @TempDir Path dataDir;
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
  void parameterWithShellSyntaxIsOneLiteralArgument() throws IOException {
    String name = "a b; touch pwned1 $(touch pwned2) `touch pwned3` && touch pwned4";
    Job job = job("1", "touch", Map.of("name", name), List.of());

    harness.submit(job);

    assertThat(harness.awaitEnd(job).phase()).isEqualTo(ExecutionPhase.SUCCEEDED);
    try (Stream<Path> files = Files.list(harness.workDirOf("1"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly(name);
    }
  }

  @Test
  void jobPlaceholdersAndEscapedDollarAreReplacedInsideArguments() {
    Job job = job("7", "echo", Map.of(), List.of(0, 1));

    harness.submit(job);
    harness.awaitEnd(job);

    assertThat(harness.executor().readLog(job, 0, 1024).text()).isEqualTo("7:alice:2:${literal}\n");
  }

  @Test
  void unknownPlaceholderRefusesTheJobWithoutStartingIt() {
    Job job = job("1", "broken", Map.of(), List.of());

    assertThatThrownBy(() -> harness.executor().submit(job))
        .isInstanceOf(ExecutionException.class)
        .hasMessageContaining("${nope}");
    assertThat(harness.executor().status(job)).isEmpty();
  }

  @Test
  void missingRequiredParameterRefusesTheJob() {
    Job job = job("1", "touch", Map.of(), List.of());

    assertThatThrownBy(() -> harness.executor().submit(job))
        .isInstanceOf(ExecutionException.class)
        .hasMessageContaining("'name'");
    assertThat(harness.executor().status(job)).isEmpty();
  }

  @Test
  void unknownTemplateRefusesTheJob() {
    Job job = job("1", "no-such-template", Map.of(), List.of());

    assertThatThrownBy(() -> harness.executor().submit(job))
        .isInstanceOf(ExecutionException.class)
        .hasMessageContaining("no-such-template");
  }

  @Test
  void jobIdThatCouldNameAnotherDirectoryIsRefused() {
    Job job = job("../1", "echo", Map.of(), List.of());

    assertThatThrownBy(() -> harness.executor().submit(job)).isInstanceOf(ExecutionException.class);
    assertThat(harness.executor().status(job)).isEmpty();
  }
}
