package dev.berth.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.Claim;
import dev.berth.api.Dependency;
import dev.berth.api.DependencyCondition;
import dev.berth.api.Job;
import dev.berth.api.JobEvent;
import dev.berth.api.JobFlow;
import dev.berth.api.JobQuery;
import dev.berth.api.JobState;
import dev.berth.api.JobSubmission;
import dev.berth.api.JobTransition;
import dev.berth.api.Placement;
import dev.berth.api.QueueStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The part of {@link QueueStoreContract} about jobs that depend on jobs: arrays, holds,
 * dependencies and retries. It runs as a nested class of the contract, so every store that passes
 * the contract passes these too; they live here to keep each file about one thing.
 */
abstract class QueueStoreFlowChecks {
  private static final Duration RACE_DEADLINE = Duration.ofMinutes(2);

  private final Supplier<QueueStore> store;
  private final Supplier<QueueStore> secondStore;
  private final Supplier<Instant> clock;

  QueueStoreFlowChecks(Supplier<QueueStore> store, Supplier<QueueStore> secondStore, Supplier<Instant> clock) {
    this.store = store;
    this.secondStore = secondStore;
    this.clock = clock;
  }

  // ---------------------------------------------------------------- arrays

  @Test
  void anArrayIsQueuedInOneCallWithConsecutiveIdsAndTheFirstIdAsItsArrayId() {
    Job before = store.get().enqueue(single("ann"), clock.get());
    List<JobSubmission> elements = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      elements.add(element("ann", i, 2, Map.of("lr", "0.0" + i)));
    }

    List<Job> array = store.get().enqueueAll(elements, clock.get());

    assertThat(array).hasSize(5);
    String arrayId = array.get(0).id();
    for (int i = 0; i < 5; i++) {
      Job job = array.get(i);
      assertThat(Long.parseLong(job.id())).isEqualTo(before.sequence() + 1 + i);
      assertThat(job.state()).isEqualTo(JobState.QUEUED);
      assertThat(job.flow().arrayId()).isEqualTo(arrayId);
      assertThat(job.flow().arrayIndex()).isEqualTo(i);
      assertThat(job.flow().arrayMaxRunning()).isEqualTo(2);
      assertThat(job.parameters()).containsEntry("lr", "0.0" + i);
      assertThat(store.get().get(job.id())).contains(job);
      assertThat(store.get().events(job.id())).extracting(JobEvent::to).containsExactly(JobState.QUEUED);
    }
    assertThat(store.get().arrayJobs(arrayId)).isEqualTo(array);
    assertThat(store.get().arrayJobs(before.id())).as("a job outside an array is no array").isEmpty();
    assertThat(store.get().arrayJobs("999999")).isEmpty();
    assertThat(store.get().countQueuedBefore(array.get(4).id())).isEqualTo(5);
  }

  @Test
  void jobsQueuedTogetherWithoutAnArrayGetNoArrayId() {
    List<Job> jobs = store.get().enqueueAll(List.of(single("ann"), single("bob")), clock.get());

    assertThat(jobs).extracting(j -> j.flow().arrayId()).containsOnlyNulls();
    assertThat(jobs).extracting(Job::user).containsExactly("ann", "bob");
  }

  @Test
  void twoSchedulersRacingForAnArrayNeverRunMoreThanItsCap() {
    QueueStore other = secondStore.get();
    List<JobSubmission> elements = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      elements.add(element("ann", i, 3, Map.of()));
    }
    List<Job> array = store.get().enqueueAll(elements, clock.get());
    String arrayId = array.get(0).id();
    List<Claim> claims = array.stream().map(j -> new Claim(j.id(), new Placement("node-a", List.of(0)))).toList();

    for (int round = 0; round < 4; round++) {
      Instant at = clock.get();
      List<List<Job>> won = QueueStoreRace.run(List.<Callable<List<Job>>>of(
          () -> store.get().claimAll(claims, at, "scheduler-1", 0),
          () -> other.claimAll(claims, at, "scheduler-2", 0)), RACE_DEADLINE);

      long active = store.get().arrayJobs(arrayId).stream().filter(j -> j.state().isActive()).count();
      assertThat(active).as("round %d", round).isEqualTo(3);
      assertThat(won.get(0).size() + won.get(1).size()).as("round %d claims", round).isEqualTo(3);
      for (Job job : store.get().arrayJobs(arrayId)) {
        if (job.state().isActive()) {
          move(job, JobState.COMPLETED);
        }
      }
    }
    assertThat(store.get().arrayJobs(arrayId)).extracting(Job::state).containsOnly(JobState.COMPLETED);
  }

  @Test
  void anArrayWithoutACapRunsAsManyAsAreClaimed() {
    List<Job> array = store.get().enqueueAll(List.of(element("ann", 0, null, Map.of()),
        element("ann", 1, null, Map.of())), clock.get());

    List<Job> claimed = store.get().claimAll(array.stream()
        .map(j -> new Claim(j.id(), new Placement("node-a", List.of(0)))).toList(), clock.get(), "scheduler", 0);

    assertThat(claimed).hasSize(2);
  }

  // ---------------------------------------------------------------- hold and release

  @Test
  void aHeldJobIsNotClaimedAndReleasingItKeepsItsPlace() {
    Job first = store.get().enqueue(single("ann"), clock.get());
    Job second = store.get().enqueue(single("bob"), clock.get());
    Job third = store.get().enqueue(single("cid"), clock.get());

    Job held = store.get().transition(first.id(), Set.of(JobState.QUEUED),
        JobTransition.to(JobState.HELD, clock.get(), "ann", "held by ann")).orElseThrow();

    assertThat(held.state()).isEqualTo(JobState.HELD);
    assertThat(held.submittedAt()).isEqualTo(first.submittedAt());
    assertThat(store.get().claim(first.id(), new Placement("node-a", List.of(0)), clock.get(), "scheduler"))
        .as("a held job is not claimed").isEmpty();
    assertThat(store.get().countQueuedBefore(third.id())).isEqualTo(1);
    assertThat(ids(store.get().list(JobQuery.queued(10)).jobs())).containsExactly(second.id(), third.id());
    assertThat(store.get().countByState()).containsEntry(JobState.HELD, 1L);

    Job released = store.get().transition(first.id(), Set.of(JobState.HELD),
        JobTransition.to(JobState.QUEUED, clock.get(), "ann", "released by ann")).orElseThrow();

    assertThat(released.state()).isEqualTo(JobState.QUEUED);
    assertThat(released.submittedAt()).isEqualTo(first.submittedAt());
    assertThat(released.attempt()).as("a release is not a retry").isEqualTo(1);
    assertThat(ids(store.get().list(JobQuery.queued(10)).jobs())).containsExactly(first.id(), second.id(), third.id());
    assertThat(store.get().countQueuedBefore(second.id())).isEqualTo(1);
    assertThat(store.get().events(first.id())).extracting(JobEvent::to)
        .containsExactly(JobState.QUEUED, JobState.HELD, JobState.QUEUED);
  }

  @Test
  void aSubmissionMayStartHeld() {
    JobSubmission s = single("ann");
    Job job = store.get().enqueue(new JobSubmission(s.name(), s.user(), s.template(), s.parameters(), s.gpus(),
        s.priority(), s.timeLimitSeconds(), s.notifyEvents(), s.flow(), true), clock.get());

    assertThat(job.state()).isEqualTo(JobState.HELD);
    assertThat(store.get().events(job.id())).extracting(JobEvent::to).containsExactly(JobState.HELD);
    assertThat(store.get().list(JobQuery.queued(10)).jobs()).isEmpty();
    assertThat(store.get().transition(job.id(), Set.of(JobState.HELD),
        JobTransition.to(JobState.CANCELLED, clock.get(), "ann", null))).isPresent();
  }

  // ---------------------------------------------------------------- dependencies

  @Test
  void dependenciesAndRetriesAreKeptAsSubmitted() {
    Job a = store.get().enqueue(single("ann"), clock.get());
    JobFlow flow = new JobFlow(List.of(new Dependency(a.id(), DependencyCondition.SUCCEEDED),
        new Dependency("1", DependencyCondition.FAILED)), null, null, null, 4, 1);
    JobSubmission s = single("bob");

    Job b = store.get().enqueue(new JobSubmission(s.name(), s.user(), s.template(), s.parameters(), s.gpus(),
        s.priority(), s.timeLimitSeconds(), s.notifyEvents(), flow, false), clock.get());

    assertThat(b.flow()).isEqualTo(flow);
    assertThat(store.get().get(b.id()).orElseThrow().flow()).isEqualTo(flow);
    assertThat(secondStore.get().list(JobQuery.queued(10)).jobs()).filteredOn(j -> j.id().equals(b.id()))
        .singleElement().extracting(Job::flow).isEqualTo(flow);
  }

  @Test
  void aDependentIsCancelledExactlyOnceWhenTwoSchedulersResolveItTogether() {
    QueueStore other = secondStore.get();
    for (int round = 0; round < 10; round++) {
      Job a = store.get().enqueue(single("ann"), clock.get());
      JobSubmission s = single("bob");
      Job b = store.get().enqueue(new JobSubmission(s.name(), s.user(), s.template(), s.parameters(), s.gpus(),
          s.priority(), s.timeLimitSeconds(), s.notifyEvents(),
          new JobFlow(List.of(new Dependency(a.id(), DependencyCondition.SUCCEEDED)), null, null, null, 0, 1), false),
          clock.get());
      move(move(claim(a), JobState.RUNNING), JobState.FAILED);

      Instant at = clock.get();
      JobTransition cancel = JobTransition.to(JobState.CANCELLED, at, "scheduler",
          "dependency can never be met: job " + a.id() + " FAILED");
      List<Optional<Job>> results = QueueStoreRace.run(List.<Callable<Optional<Job>>>of(
          () -> store.get().transition(b.id(), JobState.WAITING, cancel),
          () -> other.transition(b.id(), JobState.WAITING, cancel)), RACE_DEADLINE);

      assertThat(results.stream().filter(Optional::isPresent).count()).as("round %d", round).isEqualTo(1);
      assertThat(store.get().events(b.id())).extracting(JobEvent::to)
          .containsExactly(JobState.QUEUED, JobState.CANCELLED);
      assertThat(store.get().get(b.id()).orElseThrow().message()).contains("job " + a.id() + " FAILED");
    }
  }

  // ---------------------------------------------------------------- retries

  @Test
  void aRetryQueuesTheNextAttemptWithTheRunsFieldsCleared() {
    Job job = withRetries(2);
    Job running = move(claim(job), JobState.RUNNING);

    Job retried = store.get().transition(running.id(), JobState.ACTIVE,
        JobTransition.to(JobState.QUEUED, clock.get(), "reconciler", "attempt 1 failed; retrying")).orElseThrow();

    assertThat(retried.state()).isEqualTo(JobState.QUEUED);
    assertThat(retried.id()).isEqualTo(job.id());
    assertThat(retried.attempt()).isEqualTo(2);
    assertThat(retried.runId()).isEqualTo(job.id() + ".2");
    assertThat(retried.flow().maxRetries()).isEqualTo(2);
    assertThat(retried.submittedAt()).isEqualTo(job.submittedAt());
    assertThat(retried.scheduledAt()).isNull();
    assertThat(retried.startedAt()).isNull();
    assertThat(retried.placement()).isNull();
    assertThat(retried.exitCode()).isNull();
    assertThat(retried.executorRef()).isNull();
    assertThat(retried.message()).isEqualTo("attempt 1 failed; retrying");
    assertThat(store.get().get(job.id())).contains(retried);
    assertThat(store.get().list(JobQuery.queued(10)).jobs()).contains(retried);
    assertThat(store.get().countByState()).containsEntry(JobState.QUEUED, 1L);
  }

  @Test
  void twoReconcilersRetryingOneRunQueueOneAttemptAndTwoSchedulersStartItOnce() {
    QueueStore other = secondStore.get();
    Job job = withRetries(10);
    List<Claim> claims = List.of(new Claim(job.id(), new Placement("node-a", List.of(0))));
    for (int attempt = 1; attempt <= 5; attempt++) {
      Instant claimAt = clock.get();
      List<List<Job>> claimed = QueueStoreRace.run(List.<Callable<List<Job>>>of(
          () -> store.get().claimAll(claims, claimAt, "scheduler-1", 0),
          () -> other.claimAll(claims, claimAt, "scheduler-2", 0)), RACE_DEADLINE);
      assertThat(claimed.get(0).size() + claimed.get(1).size()).as("one attempt runs at a time").isEqualTo(1);
      Job running = move(store.get().get(job.id()).orElseThrow(), JobState.RUNNING);
      assertThat(running.attempt()).isEqualTo(attempt);

      JobTransition retry = JobTransition.to(JobState.QUEUED, clock.get(), "reconciler", "retrying");
      List<Optional<Job>> retried = QueueStoreRace.run(List.<Callable<Optional<Job>>>of(
          () -> store.get().transition(job.id(), Set.of(JobState.RUNNING), retry),
          () -> other.transition(job.id(), Set.of(JobState.RUNNING), retry)), RACE_DEADLINE);
      assertThat(retried.stream().filter(Optional::isPresent).count()).isEqualTo(1);
      assertThat(store.get().get(job.id()).orElseThrow().attempt()).isEqualTo(attempt + 1);
    }
    Job cancelled = move(store.get().get(job.id()).orElseThrow(), JobState.CANCELLED);
    assertThat(cancelled.attempt()).isEqualTo(6);
    assertThat(store.get().transition(job.id(), JobState.ACTIVE,
        JobTransition.to(JobState.QUEUED, clock.get(), "reconciler", "retrying")))
        .as("an ended job is not retried").isEmpty();
  }

  // ---------------------------------------------------------------- helpers

  private Job withRetries(int maxRetries) {
    JobSubmission s = single("ann");
    return store.get().enqueue(new JobSubmission(s.name(), s.user(), s.template(), s.parameters(), s.gpus(),
        s.priority(), s.timeLimitSeconds(), s.notifyEvents(), new JobFlow(List.of(), null, null, null, maxRetries, 1),
        false), clock.get());
  }

  private Job claim(Job job) {
    return store.get().claim(job.id(), new Placement("node-a", List.of(0)), clock.get(), "scheduler").orElseThrow();
  }

  private Job move(Job job, JobState to) {
    return store.get().transition(job.id(), Set.of(job.state()), JobTransition.to(to, clock.get(), "tester", null))
        .orElseThrow(() -> new AssertionError("could not move job " + job.id() + " to " + to));
  }

  private static JobSubmission single(String user) {
    return new JobSubmission("job of " + user, user, "demo", Map.of("work-dir", "/w"), 1, 0, 3600);
  }

  private static JobSubmission element(String user, int index, Integer cap, Map<String, String> parameters) {
    return new JobSubmission("sweep", user, "demo", parameters, 1, 0, 3600, null,
        new JobFlow(List.of(), null, index, cap, 0, 1), false);
  }

  private static List<String> ids(List<Job> jobs) {
    return jobs.stream().map(Job::id).toList();
  }
}
