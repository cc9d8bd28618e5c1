package dev.berth.bench.infra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.Job;
import dev.berth.api.JobState;
import dev.berth.api.Placement;
import dev.berth.bench.plugin.NoopJobExecutor;
import dev.berth.testkit.Await;
import dev.berth.testkit.TestPluginContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness reads the journal the real bench executor writes. */
class RunJournalReaderTest {
  @TempDir Path dir;

  private static Job job(String id, String template, Map<String, String> parameters) {
    Instant at = Instant.parse("2026-01-01T00:00:00Z");
    return new Job(id, "j", "bench", template, parameters, 0, 0, JobState.SCHEDULED, at, at, null, null,
        new Placement("bench", List.of()), null, null, null);
  }

  @Test
  void handOversAndEndsComeBackInOrderWithTheirTimes() throws Exception {
    NoopJobExecutor executor = new NoopJobExecutor(new TestPluginContext("bench", Map.of(), Clock.systemUTC(), dir));
    try {
      executor.submit(job("1", "noop", Map.of()));
      executor.submit(job("2", "hold", Map.of("print", "tab\tin a value")));
      executor.submit(job("3", "noop", Map.of("exitCode", "3")));
    } finally {
      executor.close();
    }
    Path journal = dir.resolve(NoopJobExecutor.JOURNAL_FILE);
    Files.writeString(journal, "S\t4\tbench-4\tno", StandardOpenOption.APPEND); // torn by a crash

    List<RunJournalReader.Run> runs = RunJournalReader.read(journal);

    assertThat(runs).extracting(RunJournalReader.Run::jobId).containsExactly("1", "2", "3");
    assertThat(runs).extracting(RunJournalReader.Run::endPhase).containsExactly("SUCCEEDED", null, "FAILED");
    assertThat(runs.get(0).ended()).isAfterOrEqualTo(runs.get(0).handedOver());
    assertThat(runs.get(1).handedOver()).isAfterOrEqualTo(runs.get(0).handedOver());
    assertThat(RunJournalReader.handOvers(journal)).isEqualTo(4);
    assertThat(RunJournalReader.ends(journal)).isEqualTo(2);
  }

  @Test
  void aMissingJournalIsEmpty() throws Exception {
    assertThat(RunJournalReader.read(dir.resolve("none"))).isEmpty();
    assertThat(RunJournalReader.ends(dir.resolve("none"))).isZero();
  }

  @Test
  void timedRunsEndInTheJournalByThemselves() throws Exception {
    NoopJobExecutor executor = new NoopJobExecutor(new TestPluginContext("bench", Map.of(), Clock.systemUTC(), dir));
    Path journal = dir.resolve(NoopJobExecutor.JOURNAL_FILE);
    try {
      executor.submit(job("1", "sleep", Map.of("millis", "5")));
      Await.until("the sleep job's end in the journal", Duration.ofSeconds(60), () -> RunJournalReader.ends(journal) == 1);
    } finally {
      executor.close();
    }
    assertThat(RunJournalReader.read(journal).get(0).endPhase()).isEqualTo("SUCCEEDED");
  }
}
