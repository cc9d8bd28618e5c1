package dev.berth.core.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.Job;
import dev.berth.api.JobState;
import dev.berth.api.JobSubmission;
import dev.berth.api.JobTransition;
import dev.berth.core.errors.ValidationException;
import dev.berth.testkit.SettableClock;
import dev.berth.testkit.memory.InMemoryQueueStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The history export: finished jobs of the window only, oldest first, and the window's format. */
class HistoryExportTest {
  private final SettableClock clock = new SettableClock(Instant.parse("2026-12-01T00:00:00Z"));
  private final InMemoryQueueStore store = new InMemoryQueueStore();

  @Test
  void exportsTheFinishedJobsOfTheWindowOldestFirst() {
    Job old = finished("old", Instant.parse("2026-10-01T00:00:00Z"), JobState.COMPLETED);
    Job first = finished("first", Instant.parse("2026-11-20T00:00:00Z"), JobState.TIMED_OUT);
    store.enqueue(new JobSubmission("waiting", "ann", "t", Map.of(), 1, 0, 60), Instant.parse("2026-11-25T00:00:00Z"));
    Job second = finished("second", Instant.parse("2026-11-28T00:00:00Z"), JobState.CANCELLED);

    List<Job> out = new HistoryExport(store, clock).finishedWithin(Duration.ofDays(30));

    assertThat(out).extracting(Job::id).containsExactly(first.id(), second.id()).doesNotContain(old.id());
    Map<String, Object> line = HistoryExport.line(out.get(0));
    assertThat(line).containsEntry("user", "ann").containsEntry("gpus", 2).containsEntry("timeLimitSeconds", 3600)
        .containsEntry("submittedAt", "2026-11-20T00:00:00Z").containsEntry("state", "TIMED_OUT")
        .containsKeys("startedAt", "finishedAt");
  }

  @Test
  void readsTheWindowAndRefusesAnythingElse() {
    assertThat(HistoryExport.parseSince("30d")).isEqualTo(Duration.ofDays(30));
    assertThat(HistoryExport.parseSince("2w")).isEqualTo(Duration.ofDays(14));
    assertThat(HistoryExport.parseSince("12h")).isEqualTo(Duration.ofHours(12));
    for (String bad : new String[] {"lately", "0d", "400d", "", "-1d"}) {
      assertThatThrownBy(() -> HistoryExport.parseSince(bad)).as(bad).isInstanceOf(ValidationException.class)
          .satisfies(e -> assertThat(((ValidationException) e).errors().get(0).field()).isEqualTo("since"));
    }
  }

  private Job finished(String name, Instant submitted, JobState end) {
    Job j = store.enqueue(new JobSubmission(name, "ann", "t", Map.of(), 2, 0, 3600), submitted);
    if (end != JobState.CANCELLED) {
      move(j, JobState.QUEUED, JobState.SCHEDULED, submitted.plusSeconds(10));
      move(j, JobState.SCHEDULED, JobState.RUNNING, submitted.plusSeconds(20));
      move(j, JobState.RUNNING, end, submitted.plusSeconds(60));
    } else {
      move(j, JobState.QUEUED, end, submitted.plusSeconds(60));
    }
    return j;
  }

  private void move(Job j, JobState from, JobState to, Instant at) {
    assertThat(store.transition(j.id(), Set.of(from), JobTransition.to(to, at, "test", null))).as(from + " -> " + to)
        .isPresent();
  }
}
