package dev.berth.bench.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.ExecutionException;
import dev.berth.api.ExecutionPhase;
import dev.berth.api.ExecutionStatus;
import dev.berth.api.Job;
import dev.berth.api.JobState;
import dev.berth.api.Placement;
import dev.berth.testkit.ExecutorStatusRecorder;
import dev.berth.testkit.TestPluginContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the benchmarks rely on beyond the contract: timed runs, the journal, clear refusals. */
class NoopJobExecutorBehaviourTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @TempDir Path dir;
  private NoopJobExecutor executor;

  @AfterEach
  void close() {
    if (executor != null) {
      executor.close();
    }
  }

  private NoopJobExecutor start() {
    executor = new NoopJobExecutor(new TestPluginContext("bench", Map.of(), Clock.systemUTC(), dir));
    return executor;
  }

  private static Job job(String id, String template, Map<String, String> parameters) {
    Instant at = Instant.parse("2026-01-01T00:00:00Z");
    return new Job(id, "bench " + id, "bench", template, parameters, 0, 0, JobState.SCHEDULED, at, at, null, null,
        new Placement("bench", List.of()), null, null, null);
  }

  @Test
  void sleepJobEndsByItselfAfterItsMillis() {
    ExecutorStatusRecorder pushed = new ExecutorStatusRecorder();
    start().start(pushed);

    executor.submit(job("1", "sleep", Map.of("millis", "30")));
    ExecutionStatus end = pushed.awaitFinished("1", TIMEOUT);

    assertThat(end.phase()).isEqualTo(ExecutionPhase.SUCCEEDED);
    assertThat(Duration.between(end.startedAt(), end.finishedAt())).isGreaterThanOrEqualTo(Duration.ofMillis(30));
    assertThat(pushed.of("1").get(0).phase()).isEqualTo(ExecutionPhase.RUNNING);
  }

  @Test
  void journalRecordsEachHandOverAndEachEndWithOddParametersIntact() throws Exception {
    start();
    String odd = "tab\there, 100% & a=b ~ ü";
    executor.submit(job("7", "noop", Map.of("print", odd)));
    executor.close();

    List<String> lines = Files.readAllLines(dir.resolve(NoopJobExecutor.JOURNAL_FILE));
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).startsWith("S\t7\tbench-7\tnoop\t");
    assertThat(lines.get(1)).startsWith("E\t7\tSUCCEEDED\t0\t");

    start();
    assertThat(executor.tailLog(job("7", "noop", Map.of()), 5)).isEqualTo(odd + "\n");
  }

  @Test
  void aTornLastLineIsSkippedAndTheRestReplayed() throws Exception {
    start().submit(job("1", "hold", Map.of()));
    executor.close();
    Files.writeString(dir.resolve(NoopJobExecutor.JOURNAL_FILE), "E\t1\tSUCC", StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);

    start();

    assertThat(executor.status(job("1", "hold", Map.of()))).map(ExecutionStatus::phase).contains(ExecutionPhase.RUNNING);
  }

  @Test
  void unknownTemplatesAndMalformedNumbersAreRefusedWithTheirName() {
    start();

    assertThatThrownBy(() -> executor.submit(job("1", "train", Map.of())))
        .isInstanceOf(ExecutionException.class).hasMessageContaining("unknown template 'train'");
    assertThatThrownBy(() -> executor.submit(job("2", "sleep", Map.of("millis", "soon"))))
        .isInstanceOf(ExecutionException.class).hasMessageContaining("'millis' must be a whole number");
    assertThatThrownBy(() -> executor.submit(job("3", "noop", Map.of("exitCode", "300"))))
        .isInstanceOf(ExecutionException.class).hasMessageContaining("'exitCode' must be from 0 to 255");
    assertThat(executor.active()).isEmpty();
  }

  @Test
  void readLogNeverSplitsACharacter() {
    String text = "ü\n";
    assertThat(SyntheticLog.read(text, 0, 1, true).text()).isEmpty();
    assertThat(SyntheticLog.read(text, 0, 2, true).text()).isEqualTo("ü");
    assertThat(SyntheticLog.read(text, 0, 3, true).finished()).isTrue();
  }
}
