package dev.berth.core.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.Job;
import dev.berth.api.JobState;
import dev.berth.api.JobSubmission;
import dev.berth.api.JobTransition;
import dev.berth.api.Placement;
import dev.berth.testkit.memory.InMemoryQueueStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link StateWriter#moveAll}: one store call, each move expecting its job's known state, each applied one announced. */
class StateWriterMoveAllTest {
  private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
  private final InMemoryQueueStore store = new InMemoryQueueStore();
  private final JobChanges changes = new JobChanges(store, List.of());
  private final StateWriter writer = new StateWriter(store, changes);
  private final List<JobChange> announced = new ArrayList<>();

  @AfterEach
  void close() throws InterruptedException {
    changes.close();
  }

  @Test
  void movesExpectingTheKnownStateAnnounceWhatAppliedAndSkipAJobThatMovedMeanwhile() {
    Job first = scheduled("ann");
    Job stale = scheduled("bob");
    // Someone else starts bob's job after it was read: the move planned on SCHEDULED must not apply.
    store.transition(stale.id(), Set.of(JobState.SCHEDULED),
        JobTransition.to(JobState.RUNNING, T0.plusSeconds(2), "other", null));
    changes.subscribe(announced::add);
    JobTransition run = JobTransition.to(JobState.RUNNING, T0.plusSeconds(3), "executor", null);
    Job firstRunning = run.applyTo(first);

    List<Optional<Job>> after = writer.moveAll(List.of(
        new StateWriter.Move(first, run),
        new StateWriter.Move(firstRunning, JobTransition.to(JobState.COMPLETED, T0.plusSeconds(4), "executor", null)),
        new StateWriter.Move(stale, JobTransition.to(JobState.FAILED, T0.plusSeconds(4), "executor", "x"))));

    assertThat(after).extracting(o -> o.map(Job::state).orElse(null))
        .containsExactly(JobState.RUNNING, JobState.COMPLETED, null);
    assertThat(announced).extracting(c -> c.job().id() + " " + c.from() + ">" + c.job().state())
        .containsExactly(first.id() + " SCHEDULED>RUNNING", first.id() + " RUNNING>COMPLETED");
    assertThat(store.get(stale.id()).orElseThrow().state()).isEqualTo(JobState.RUNNING);
  }

  private Job scheduled(String user) {
    Job job = store.enqueue(new JobSubmission("job of " + user, user, "demo", Map.of(), 1, 0), T0);
    return store.claim(job.id(), new Placement("node-a", List.of(0)), T0.plusSeconds(1), "scheduler").orElseThrow();
  }
}
