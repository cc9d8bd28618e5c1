package dev.berth.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.berth.api.Claim;
import dev.berth.api.Job;
import dev.berth.api.JobEvent;
import dev.berth.api.JobPage;
import dev.berth.api.JobQuery;
import dev.berth.api.JobState;
import dev.berth.api.JobSubmission;
import dev.berth.api.JobTransition;
import dev.berth.api.Placement;
import dev.berth.api.QueueStore;
import dev.berth.api.StoreUnavailableException;
import dev.berth.api.TransitionRequest;
import dev.berth.api.UsageAccrual;
import dev.berth.api.UserUsage;
import dev.berth.api.VersionedSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link QueueStore} must show: each promise of its Javadoc (and of {@link
 * JobTransition}'s) is a test here. An implementation subclasses it with a near-empty class:
 *
 * <pre>{@code
 * class SqliteQueueStoreTest extends QueueStoreContract {
 *   @TempDir Path dir;
 *
 *   protected QueueStore createStore() { return open(dir.resolve("berth.db")); }
 *
 *   protected QueueStore openSecondStoreOnSameStorage() { return open(dir.resolve("berth.db")); }
 * }
 * }</pre>
 *
 * <p>Stores are closed after each test when they implement {@link AutoCloseable}. The concurrency
 * tests run two store instances over the same storage, as two Berth processes would.
 */
public abstract class QueueStoreContract {

  /** Microsecond precision, as {@code Instant.now()} gives on Linux: stores must keep it. */
  private static final Instant T0 = Instant.parse("2026-03-01T09:00:00.123456Z");

  private static final Duration RACE_DEADLINE = Duration.ofMinutes(5);

  private final OpenedResources opened = new OpenedResources();
  private final AtomicLong ticks = new AtomicLong();

  /** The store under test, over fresh storage. */
  protected QueueStore store;

  /** A store over fresh, empty storage; called once before each test. */
  protected abstract QueueStore createStore();

  /**
   * Another store instance over the same storage as the last {@link #createStore()}, as a second
   * Berth process would open it. May be called several times in one test.
   */
  protected abstract QueueStore openSecondStoreOnSameStorage();

  /** How many queued jobs the two-store claim race fights over; lower it for slow storage. */
  protected int claimRaceJobCount() {
    return 2000;
  }

  /**
   * Makes the storage of the store under test unreachable for a new store instance, or empty when
   * the implementation cannot simulate that (the failure test is then skipped). Implementations
   * should provide it: "could not ask" must never read as "not found".
   */
  protected Optional<QueueStoreOutage> makeStorageUnreachable() {
    return Optional.empty();
  }

  @BeforeEach
  final void openStoreUnderTest() {
    store = track(createStore());
  }

  @AfterEach
  final void closeOpenedStores() throws Exception {
    opened.closeAll();
  }

  /** Arrays, holds, dependencies and retries: see {@link QueueStoreFlowChecks}. */
  @Nested
  class Flows extends QueueStoreFlowChecks {
    Flows() {
      super(() -> store, QueueStoreContract.this::secondStore, QueueStoreContract.this::tick);
    }
  }

  /** A second instance over the same storage, closed after the test. */
  protected final QueueStore secondStore() {
    return track(openSecondStoreOnSameStorage());
  }

  // ---------------------------------------------------------------- enqueue and get

  @Test
  void enqueueReturnsAQueuedJobHoldingEveryFieldOfTheSubmission() {
    Map<String, String> parameters = Map.of("config-file", "/cfg/a.yaml", "work-dir", "/runs/7");
    JobSubmission submission =
        new JobSubmission("train resnet", "ann", "proto-gcn", parameters, 4, 7);
    Instant at = tick();

    Job job = store.enqueue(submission, at);

    assertThat(job.id()).matches("[0-9]+");
    assertThat(job.name()).isEqualTo("train resnet");
    assertThat(job.user()).isEqualTo("ann");
    assertThat(job.template()).isEqualTo("proto-gcn");
    assertThat(job.parameters()).isEqualTo(parameters);
    assertThat(job.gpus()).isEqualTo(4);
    assertThat(job.priority()).isEqualTo(7);
    assertThat(job.state()).isEqualTo(JobState.QUEUED);
    assertThat(job.submittedAt()).isEqualTo(at);
    assertThat(job.scheduledAt()).isNull();
    assertThat(job.startedAt()).isNull();
    assertThat(job.finishedAt()).isNull();
    assertThat(job.placement()).isNull();
    assertThat(job.exitCode()).isNull();
    assertThat(job.message()).isNull();
    assertThat(job.executorRef()).isNull();
  }

  @Test
  void getReturnsTheJobExactlyAsEnqueued() {
    Job cpuOnly = store.enqueue(new JobSubmission("cpu", "bob", "demo", Map.of(), 0, -3), tick());
    Job gpu =
        store.enqueue(new JobSubmission("gpu", "ann", "demo", Map.of("k", "v"), 8, 100), tick());

    assertThat(store.get(cpuOnly.id())).contains(cpuOnly);
    assertThat(store.get(gpu.id())).contains(gpu);
  }

  @Test
  void getAllAnswersEachIdInOrderAsGetDoes() {
    Job cpuOnly = store.enqueue(new JobSubmission("cpu", "bob", "demo", Map.of(), 0, -3), tick());
    Job gpu =
        store.enqueue(new JobSubmission("gpu", "ann", "demo", Map.of("k", "v"), 8, 100), tick());
    Job moved =
        store.transition(cpuOnly.id(), Set.of(JobState.QUEUED),
            JobTransition.to(JobState.CANCELLED, tick(), "ann", "not needed")).orElseThrow();

    assertThat(store.getAll(List.of(gpu.id(), "999999", moved.id(), "../x", gpu.id())))
        .containsExactly(Optional.of(gpu), Optional.empty(), Optional.of(moved), Optional.empty(),
            Optional.of(gpu));
    assertThat(store.getAll(List.of())).isEmpty();
  }

  @Test
  void enqueueGivesIncreasingDecimalIds() {
    List<Job> jobs = IntStream.range(0, 5).mapToObj(i -> enqueue("ann")).toList();

    assertThat(jobs).extracting(Job::id).allMatch(id -> id.matches("[0-9]+"));
    assertThat(jobs).extracting(Job::sequence).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void parametersRoundTripVerbatim() {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("empty", "");
    parameters.put("spaces", "  leading and trailing  ");
    parameters.put("separators", "a=b,c;d&e|f:g");
    parameters.put("quotes", "\"double\" 'single' `back`");
    parameters.put("json", "{\"k\": [1, 2, {\"n\": null}]}");
    parameters.put("lines", "one\ntwo\r\nthree\ttab");
    parameters.put("unicode", "Grüße 日本語 🚀");
    parameters.put("sql", "'); DROP TABLE jobs; --");
    parameters.put("backslash", "C:\\runs\\%_*?");
    parameters.put("key with = and spaces", "value");
    for (int i = 0; i < 40; i++) {
      parameters.put("p" + i, "v" + i);
    }

    Job job = store.enqueue(new JobSubmission("params", "ann", "demo", parameters, 1, 0), tick());

    assertThat(job.parameters()).isEqualTo(parameters);
    assertThat(store.get(job.id()).orElseThrow().parameters()).isEqualTo(parameters);
    assertThat(list(new JobQuery(Set.of(), null, 10, null, true)).get(0).parameters())
        .isEqualTo(parameters);
  }

  @Test
  void getOfAnUnknownOrMalformedIdIsEmpty() {
    Job job = enqueue("ann");

    assertThat(store.get(Long.toString(job.sequence() + 1000))).isEmpty();
    assertThat(store.get("not-a-number")).isEmpty();
    assertThat(store.get("")).isEmpty();
    assertThat(store.get("-1")).isEmpty();
    assertThat(store.get("99999999999999999999999")).isEmpty();
  }

  @Test
  void aSecondInstanceOnTheSameStorageSeesEveryChangeAtOnce() {
    QueueStore other = secondStore();
    Job job = enqueue("ann");

    assertThat(other.get(job.id())).contains(job);

    Job claimed =
        other.claim(job.id(), placement("node-b", 1), tick(), "scheduler-b").orElseThrow();
    assertThat(store.get(job.id())).contains(claimed);
    assertThat(store.claim(job.id(), placement("node-a", 0), tick(), "scheduler-a")).isEmpty();
    assertThat(store.events(job.id())).hasSize(2);
  }

  // ---------------------------------------------------------------- list

  @Test
  void listOnAnEmptyStoreIsAnEmptyLastPage() {
    JobPage page = store.list(new JobQuery(Set.of(), null, 10, null, true));

    assertThat(page.jobs()).isEmpty();
    assertThat(page.next()).isNull();
  }

  @Test
  void listOrdersByIdOldestOrNewestFirst() {
    List<String> ids = IntStream.range(0, 6).mapToObj(i -> enqueue("ann").id()).toList();
    List<String> reversed = new ArrayList<>(ids);
    Collections.reverse(reversed);

    assertThat(ids(list(new JobQuery(Set.of(), null, 100, null, true)))).isEqualTo(ids);
    assertThat(ids(list(new JobQuery(Set.of(), null, 100, null, false)))).isEqualTo(reversed);
  }

  @Test
  void listFiltersByStatesAndAnEmptySetMeansAll() {
    Job queued = enqueue("ann");
    Job scheduled = jobIn(JobState.SCHEDULED, "ann");
    Job running = jobIn(JobState.RUNNING, "ann");
    Job completed = jobIn(JobState.COMPLETED, "ann");
    Job cancelled = jobIn(JobState.CANCELLED, "ann");

    assertThat(ids(list(new JobQuery(Set.of(JobState.QUEUED), null, 100, null, true))))
        .containsExactly(queued.id());
    assertThat(ids(list(new JobQuery(JobState.ACTIVE, null, 100, null, true))))
        .containsExactly(scheduled.id(), running.id());
    assertThat(ids(list(new JobQuery(JobState.TERMINAL, null, 100, null, false))))
        .containsExactly(cancelled.id(), completed.id());
    assertThat(ids(list(new JobQuery(Set.of(JobState.FAILED), null, 100, null, true)))).isEmpty();
    assertThat(ids(list(new JobQuery(Set.of(), null, 100, null, true))))
        .containsExactly(queued.id(), scheduled.id(), running.id(), completed.id(), cancelled.id());
  }

  @Test
  void listFiltersByUserAloneAndTogetherWithStates() {
    Job annQueued = enqueue("ann");
    Job bobQueued = enqueue("bob");
    Job annRunning = jobIn(JobState.RUNNING, "ann");
    enqueue("bob");

    assertThat(ids(list(new JobQuery(Set.of(), "ann", 100, null, true))))
        .containsExactly(annQueued.id(), annRunning.id());
    assertThat(ids(list(new JobQuery(Set.of(JobState.QUEUED), "ann", 100, null, true))))
        .containsExactly(annQueued.id());
    assertThat(ids(list(new JobQuery(Set.of(JobState.QUEUED), "bob", 1, null, true))))
        .containsExactly(bobQueued.id());
    assertThat(ids(list(new JobQuery(Set.of(), "nobody", 100, null, true)))).isEmpty();
  }

  @Test
  void listHonoursTheLimitAndGivesNoCursorOnTheLastPage() {
    List<String> ids = IntStream.range(0, 4).mapToObj(i -> enqueue("ann").id()).toList();

    JobPage first = store.list(new JobQuery(Set.of(), null, 2, null, true));
    assertThat(ids(first.jobs())).isEqualTo(ids.subList(0, 2));
    assertThat(first.next()).isNotNull();

    JobPage last = store.list(new JobQuery(Set.of(), null, 2, first.next(), true));
    assertThat(ids(last.jobs())).isEqualTo(ids.subList(2, 4));
    assertThat(last.next()).as("a page that ends the results exactly is the last").isNull();

    JobPage all = store.list(new JobQuery(Set.of(), null, 5, null, false));
    assertThat(all.jobs()).hasSize(4);
    assertThat(all.next()).isNull();
  }

  @Test
  void cursorPagingVisitsEveryMatchingJobOnceInBothOrders() {
    List<Job> all = new ArrayList<>();
    JobState[] states = {JobState.QUEUED, JobState.RUNNING, JobState.QUEUED, JobState.CANCELLED};
    for (int i = 0; i < 27; i++) {
      all.add(jobIn(states[i % states.length], i % 3 == 0 ? "bob" : "ann"));
    }
    Set<JobState> wanted = EnumSet.of(JobState.QUEUED, JobState.RUNNING);
    List<String> expected =
        all.stream()
            .filter(j -> j.user().equals("ann") && wanted.contains(j.state()))
            .map(Job::id)
            .toList();
    List<String> expectedNewestFirst = new ArrayList<>(expected);
    Collections.reverse(expectedNewestFirst);

    for (int limit : new int[] {1, 4, expected.size(), 1000}) {
      assertThat(ids(pageThrough(wanted, "ann", limit, true)))
          .as("oldest first, pages of %d", limit)
          .isEqualTo(expected);
      assertThat(ids(pageThrough(wanted, "ann", limit, false)))
          .as("newest first, pages of %d", limit)
          .isEqualTo(expectedNewestFirst);
    }
    assertThat(ids(pageThrough(Set.of(), null, 5, true))).isEqualTo(ids(all));
  }

  @Test
  void pagingOldestFirstReachesJobsEnqueuedAfterTheFirstPage() {
    List<String> before = IntStream.range(0, 3).mapToObj(i -> enqueue("ann").id()).toList();
    JobPage first = store.list(new JobQuery(Set.of(JobState.QUEUED), null, 2, null, true));
    String late = enqueue("ann").id();

    JobPage second = store.list(new JobQuery(Set.of(JobState.QUEUED), null, 2, first.next(), true));

    assertThat(ids(first.jobs())).isEqualTo(before.subList(0, 2));
    assertThat(ids(second.jobs())).containsExactly(before.get(2), late);
  }

  @Test
  void aMalformedCursorIsRejected() {
    enqueue("ann");

    for (String cursor : List.of("not a cursor", "", "!!", "12abc")) {
      assertThatThrownBy(() -> store.list(new JobQuery(Set.of(), null, 10, cursor, true)))
          .as("cursor '%s'", cursor)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  // ---------------------------------------------------------------- notify events

  @Test
  void theSubmissionsNotifyEventsAreKeptThroughEveryTransitionAndNoneGivenStaysNull() {
    Job chosen = store.enqueue(new JobSubmission("n", "ann", "demo", Map.of(), 1, 0, 60,
        List.of("start", "end")), tick());
    Job silent = store.enqueue(new JobSubmission("s", "ann", "demo", Map.of(), 1, 0, 60, List.of()), tick());
    Job unsaid = store.enqueue(new JobSubmission("u", "ann", "demo", Map.of(), 1, 0, 60), tick());

    assertThat(chosen.notifyEvents()).containsExactly("start", "end");
    assertThat(store.get(chosen.id()).orElseThrow().notifyEvents()).containsExactly("start", "end");
    assertThat(move(move(claim(chosen), JobState.RUNNING, tick()), JobState.FAILED, tick()).notifyEvents())
        .containsExactly("start", "end");
    assertThat(store.get(silent.id()).orElseThrow().notifyEvents()).isEmpty();
    assertThat(store.get(unsaid.id()).orElseThrow().notifyEvents()).isNull();
  }

  @Test
  void anInteractiveSubmissionStaysInteractiveThroughEveryTransitionAndOthersAreNot() {
    Job session = store.enqueue(new JobSubmission("nb", "ann", "demo", Map.of(), 1, 0, 60, null, true), tick());
    Job batch = store.enqueue(new JobSubmission("b", "ann", "demo", Map.of(), 1, 0, 60), tick());

    assertThat(session.interactive()).isTrue();
    assertThat(store.get(session.id()).orElseThrow().interactive()).isTrue();
    assertThat(move(move(claim(session), JobState.RUNNING, tick()), JobState.CANCELLED, tick()).interactive()).isTrue();
    assertThat(store.get(session.id()).orElseThrow().interactive()).isTrue();
    assertThat(store.get(batch.id()).orElseThrow().interactive()).isFalse();
  }

  // ---------------------------------------------------------------- time limits
  // Every store implements QueueStore#updateTimeLimit: a compare-and-set on the job's state that
  // changes the limit alone (no event, no other field).

  @Test
  void theTimeLimitOfTheSubmissionIsStoredAndAJobWithoutOneHasNone() {
    Job limited = store.enqueue(new JobSubmission("l", "ann", "demo", Map.of(), 1, 0, 7200), tick());
    Job unlimited = store.enqueue(new JobSubmission("u", "ann", "demo", Map.of(), 1, 0, null), tick());

    assertThat(limited.timeLimitSeconds()).isEqualTo(7200);
    assertThat(store.get(limited.id())).contains(limited);
    assertThat(unlimited.timeLimitSeconds()).isNull();
    assertThat(store.get(unlimited.id())).contains(unlimited);
  }

  @Test
  void theTimeLimitSurvivesEveryTransitionUpToTimedOut() {
    Job job = store.enqueue(new JobSubmission("l", "ann", "demo", Map.of(), 1, 0, 90), tick());

    Job running = move(claim(job), JobState.RUNNING, tick());
    Job timedOut = move(running, JobState.TIMED_OUT, tick());

    assertThat(running.timeLimitSeconds()).isEqualTo(90);
    assertThat(timedOut.timeLimitSeconds()).isEqualTo(90);
    assertThat(timedOut.finishedAt()).isNotNull();
    assertThat(timedOut.state().isTerminal()).isTrue();
    assertThat(store.events(job.id())).last().extracting(JobEvent::to).isEqualTo(JobState.TIMED_OUT);
  }

  @Test
  void updateTimeLimitChangesOnlyTheLimitAndAppendsNoEvent() {
    Job queued = store.enqueue(new JobSubmission("l", "ann", "demo", Map.of("k", "v"), 1, 0, 600), tick());
    int events = store.events(queued.id()).size();

    Job lowered = store.updateTimeLimit(queued.id(), Set.of(JobState.QUEUED), 60, false).orElseThrow();
    Job raised = store.updateTimeLimit(queued.id(), Set.of(JobState.QUEUED), 3600, true).orElseThrow();

    assertThat(lowered).isEqualTo(queued.withTimeLimitSeconds(60));
    assertThat(raised).isEqualTo(queued.withTimeLimitSeconds(3600));
    assertThat(store.get(queued.id())).contains(raised);
    assertThat(secondStore().get(queued.id())).contains(raised);
    assertThat(store.events(queued.id())).hasSize(events);
  }

  @Test
  void updateTimeLimitOfARunningJobKeepsItRunning() {
    Job job = store.enqueue(new JobSubmission("l", "ann", "demo", Map.of(), 1, 0, 60), tick());
    Job running = move(claim(job), JobState.RUNNING, tick());

    Job raised = store.updateTimeLimit(running.id(), Set.of(JobState.RUNNING), 7200, true).orElseThrow();

    assertThat(raised).isEqualTo(running.withTimeLimitSeconds(7200));
  }

  @Test
  void updateTimeLimitFromAnUnexpectedStateIsEmptyAndWritesNothing() {
    Job job = store.enqueue(new JobSubmission("l", "ann", "demo", Map.of(), 1, 0, 60), tick());
    Job ended = move(move(claim(job), JobState.RUNNING, tick()), JobState.TIMED_OUT, tick());

    assertThat(store.updateTimeLimit(ended.id(), Set.of(JobState.QUEUED, JobState.RUNNING), 120, false)).isEmpty();
    assertThat(store.updateTimeLimit(ended.id(), Set.of(), 120, false)).isEmpty();
    assertThat(store.get(ended.id())).contains(ended);
  }

  @Test
  void onlyRaiseRefusesALowerLimitAndAJobThatHasNone() {
    Job limited = store.enqueue(new JobSubmission("l", "ann", "demo", Map.of(), 1, 0, 600), tick());
    Job unlimited = store.enqueue(new JobSubmission("u", "ann", "demo", Map.of(), 1, 0, null), tick());

    assertThat(store.updateTimeLimit(limited.id(), Set.of(JobState.QUEUED), 599, true)).isEmpty();
    assertThat(store.updateTimeLimit(unlimited.id(), Set.of(JobState.QUEUED), 600, true)).isEmpty();
    assertThat(store.updateTimeLimit(limited.id(), Set.of(JobState.QUEUED), 600, true))
        .as("an equal limit is no lowering")
        .contains(limited);
    assertThat(store.get(limited.id())).contains(limited);
    assertThat(store.get(unlimited.id())).contains(unlimited);
  }

  @Test
  void updateTimeLimitOfAnUnknownJobIsEmpty() {
    assertThat(store.updateTimeLimit("424242", EnumSet.allOf(JobState.class), 60, false)).isEmpty();
    assertThat(store.updateTimeLimit("nope", EnumSet.allOf(JobState.class), 60, false)).isEmpty();
  }

  @Test
  void aLimitChangeRacingAnEndNeverRevivesTheJob() {
    Job job = store.enqueue(new JobSubmission("l", "ann", "demo", Map.of(), 1, 0, 60), tick());
    Job running = move(claim(job), JobState.RUNNING, tick());
    QueueStore other = secondStore();

    Job ended = other.transition(running.id(), Set.of(JobState.RUNNING),
        JobTransition.to(JobState.COMPLETED, tick(), "executor", null)).orElseThrow();

    assertThat(store.updateTimeLimit(running.id(), Set.of(JobState.RUNNING), 120, true)).isEmpty();
    assertThat(store.get(running.id())).contains(ended);
  }

  // ---------------------------------------------------------------- messages
  // Every store implements QueueStore#updateMessage: a compare-and-set on the job's state that
  // changes the message alone (no event, no other field), for why a SCHEDULED job still waits.

  @Test
  void updateMessageOfAScheduledJobChangesOnlyTheMessageAndAppendsNoEvent() {
    Job scheduled = claim(store.enqueue(new JobSubmission("w", "ann", "demo", Map.of("k", "v"), 1, 0, 600), tick()));
    int events = store.events(scheduled.id()).size();

    Job waiting = store.updateMessage(scheduled.id(), Set.of(JobState.SCHEDULED), "waiting for a GPU: 0/3 nodes")
        .orElseThrow();
    Job again = store.updateMessage(scheduled.id(), Set.of(JobState.SCHEDULED), "waiting for a GPU: 0/4 nodes")
        .orElseThrow();

    assertThat(waiting).isEqualTo(scheduled.withMessage("waiting for a GPU: 0/3 nodes"));
    assertThat(again).isEqualTo(scheduled.withMessage("waiting for a GPU: 0/4 nodes"));
    assertThat(store.get(scheduled.id())).contains(again);
    assertThat(secondStore().get(scheduled.id())).contains(again);
    assertThat(store.list(JobQuery.inStates(Set.of(JobState.SCHEDULED), 10)).jobs())
        .extracting(Job::message).containsExactly("waiting for a GPU: 0/4 nodes");
    assertThat(store.events(scheduled.id())).hasSize(events);
  }

  @Test
  void updateMessageFromAnUnexpectedStateIsEmptyAndWritesNothing() {
    Job job = store.enqueue(new JobSubmission("w", "ann", "demo", Map.of(), 1, 0, null), tick());
    Job running = move(claim(job), JobState.RUNNING, tick());

    assertThat(store.updateMessage(running.id(), Set.of(JobState.SCHEDULED), "waiting for a GPU")).isEmpty();
    assertThat(store.updateMessage(running.id(), Set.of(), "waiting for a GPU")).isEmpty();
    assertThat(store.updateMessage(running.id(), Set.of(JobState.RUNNING), null)).isEmpty();
    assertThat(store.get(running.id())).contains(running);
  }

  @Test
  void updateMessageOfAnUnknownJobIsEmpty() {
    assertThat(store.updateMessage("424242", EnumSet.allOf(JobState.class), "waiting")).isEmpty();
    assertThat(store.updateMessage("nope", EnumSet.allOf(JobState.class), "waiting")).isEmpty();
  }

  @Test
  void aLaterTransitionsMessageReplacesTheWaitingOne() {
    Job scheduled = claim(store.enqueue(new JobSubmission("w", "ann", "demo", Map.of(), 1, 0, null), tick()));
    store.updateMessage(scheduled.id(), Set.of(JobState.SCHEDULED), "waiting for a GPU").orElseThrow();

    Job running = store.transition(scheduled.id(), Set.of(JobState.SCHEDULED),
        JobTransition.to(JobState.RUNNING, tick(), "executor", "running on node-a")).orElseThrow();

    assertThat(running.message()).isEqualTo("running on node-a");
    assertThat(store.get(scheduled.id())).contains(running);
    assertThat(store.events(scheduled.id())).last().extracting(JobEvent::message).isEqualTo("running on node-a");
  }

  @Test
  void aMessageRacingAStartNeverTurnsTheJobBack() {
    Job scheduled = claim(store.enqueue(new JobSubmission("w", "ann", "demo", Map.of(), 1, 0, null), tick()));
    Job running = secondStore().transition(scheduled.id(), Set.of(JobState.SCHEDULED),
        JobTransition.to(JobState.RUNNING, tick(), "executor", null)).orElseThrow();

    assertThat(store.updateMessage(scheduled.id(), Set.of(JobState.SCHEDULED), "waiting for a GPU")).isEmpty();
    assertThat(store.get(scheduled.id())).contains(running);
  }

  // ---------------------------------------------------------------- counts

  @Test
  void countByStateCountsEveryStateAndMayOmitEmptyOnes() {
    assertThat(store.countByState().values()).allMatch(n -> n == 0);

    for (int i = 0; i < 3; i++) {
      enqueue("ann");
    }
    jobIn(JobState.SCHEDULED, "ann");
    jobIn(JobState.RUNNING, "ann");
    jobIn(JobState.RUNNING, "bob");
    jobIn(JobState.FAILED, "bob");
    jobIn(JobState.CANCELLED, "bob");
    jobIn(JobState.TIMED_OUT, "bob");

    Map<JobState, Long> counts = store.countByState();
    assertThat(counts.getOrDefault(JobState.QUEUED, 0L)).isEqualTo(3);
    assertThat(counts.getOrDefault(JobState.SCHEDULED, 0L)).isEqualTo(1);
    assertThat(counts.getOrDefault(JobState.RUNNING, 0L)).isEqualTo(2);
    assertThat(counts.getOrDefault(JobState.COMPLETED, 0L)).isZero();
    assertThat(counts.getOrDefault(JobState.FAILED, 0L)).isEqualTo(1);
    assertThat(counts.getOrDefault(JobState.CANCELLED, 0L)).isEqualTo(1);
    assertThat(counts.getOrDefault(JobState.TIMED_OUT, 0L)).isEqualTo(1);
  }

  @Test
  void countQueuedBeforeIsTheQueuedJobsWithSmallerIds() {
    Job first = enqueue("ann");
    Job second = enqueue("bob");
    Job third = enqueue("ann");
    Job fourth = enqueue("bob");

    assertThat(store.countQueuedBefore(first.id())).isZero();
    assertThat(store.countQueuedBefore(fourth.id())).isEqualTo(3);

    claim(second);
    cancel(first);

    assertThat(store.countQueuedBefore(third.id())).isZero();
    assertThat(store.countQueuedBefore(fourth.id())).isEqualTo(1);
    assertThat(store.countQueuedBefore(second.id()))
        .as("counts for a job no longer queued too")
        .isZero();
    assertThat(store.countQueuedBefore(Long.toString(fourth.sequence() + 1000))).isEqualTo(2);
  }

  @Test
  void enqueueCountedTellsHowManyQueuedJobsWereAheadOfTheNewOne() {
    assertThat(store.enqueueCounted(submission("ann"), tick()).queuedBefore()).isZero();
    Job second = enqueue("bob");
    Job third = enqueue("cid");
    claim(second);
    cancel(third);

    var counted = store.enqueueCounted(submission("dot"), tick());

    assertThat(counted.queuedBefore()).as("only the first job still waits ahead").isEqualTo(1);
    assertThat(counted.job().state()).isEqualTo(JobState.QUEUED);
    assertThat(counted.job().user()).isEqualTo("dot");
    assertThat(store.get(counted.job().id())).contains(counted.job());
    assertThat(store.events(counted.job().id())).hasSize(1);
    assertThat(store.countQueuedBefore(counted.job().id())).isEqualTo(1);
  }

  // ---------------------------------------------------------------- claim

  @Test
  void claimMovesAQueuedJobToScheduledWithItsPlacement() {
    Job job = enqueue("ann");
    Placement placement = placement("gpu-node-3", 5, 0, 2);
    Instant at = tick();

    Job claimed = store.claim(job.id(), placement, at, "scheduler").orElseThrow();

    assertThat(claimed.state()).isEqualTo(JobState.SCHEDULED);
    assertThat(claimed.placement()).isEqualTo(placement);
    assertThat(claimed.placement().gpus()).as("gpu order kept").containsExactly(5, 0, 2);
    assertThat(claimed.scheduledAt()).isEqualTo(at);
    assertThat(claimed.startedAt()).isNull();
    assertThat(claimed.finishedAt()).isNull();
    assertThat(claimed)
        .usingRecursiveComparison()
        .ignoringFields("state", "placement", "scheduledAt")
        .isEqualTo(job);
    assertThat(store.get(job.id())).contains(claimed);
    assertThat(store.events(job.id()))
        .last()
        .isEqualTo(
            new JobEvent(job.id(), 2, at, JobState.QUEUED, JobState.SCHEDULED, "scheduler", null));
  }

  @Test
  void aCpuOnlyPlacementRoundTrips() {
    Job job = enqueue("ann");

    Job claimed =
        store
            .claim(job.id(), new Placement("cpu-node", List.of()), tick(), "scheduler")
            .orElseThrow();

    assertThat(claimed.placement()).isEqualTo(new Placement("cpu-node", List.of()));
    assertThat(store.get(job.id()).orElseThrow().placement())
        .isEqualTo(new Placement("cpu-node", List.of()));
  }

  @Test
  void aSecondClaimOfTheSameJobIsEmptyAndWritesNothing() {
    Job job = enqueue("ann");
    Job claimed =
        store.claim(job.id(), placement("node-a", 0), tick(), "scheduler-a").orElseThrow();

    assertThat(store.claim(job.id(), placement("node-b", 1), tick(), "scheduler-b")).isEmpty();

    assertThat(store.get(job.id())).contains(claimed);
    assertThat(store.events(job.id())).hasSize(2);
  }

  @Test
  void claimOfACancelledJobIsEmpty() {
    Job job = enqueue("ann");
    Job cancelled = cancel(job);

    assertThat(store.claim(job.id(), placement("node-a", 0), tick(), "scheduler")).isEmpty();
    assertThat(store.get(job.id())).contains(cancelled);
  }

  @Test
  void claimOfAnUnknownJobIsEmpty() {
    assertThat(store.claim("424242", placement("node-a", 0), tick(), "scheduler")).isEmpty();
    assertThat(store.claim("nope", placement("node-a", 0), tick(), "scheduler")).isEmpty();
  }

  @Test
  void claimAllClaimsEachStillQueuedJobInOrderAndSkipsTheRest() {
    Job first = enqueue("ann");
    Job taken = claim(enqueue("bob"));
    Job cancelled = cancel(enqueue("cid"));
    Job last = enqueue("dot");
    Instant at = tick();

    List<Job> claimed = store.claimAll(List.of(
        new Claim(last.id(), placement("node-b", 3)),
        new Claim(taken.id(), placement("node-x", 9)),
        new Claim("424242", placement("node-x", 9)),
        new Claim(cancelled.id(), placement("node-x", 9)),
        new Claim(first.id(), placement("node-a", 0, 1))), at, "scheduler", 0);

    assertThat(claimed).extracting(Job::id).as("in the order asked").containsExactly(last.id(), first.id());
    assertThat(claimed).allSatisfy(j -> {
      assertThat(j.state()).isEqualTo(JobState.SCHEDULED);
      assertThat(j.scheduledAt()).isEqualTo(at);
      assertThat(store.get(j.id())).contains(j);
      assertThat(store.events(j.id())).last()
          .isEqualTo(new JobEvent(j.id(), 2, at, JobState.QUEUED, JobState.SCHEDULED, "scheduler", null));
    });
    assertThat(claimed.get(0).placement()).isEqualTo(placement("node-b", 3));
    assertThat(claimed.get(1).placement()).isEqualTo(placement("node-a", 0, 1));
    assertThat(store.get(taken.id())).contains(taken);
    assertThat(store.get(cancelled.id())).contains(cancelled);
    assertThat(store.claimAll(List.of(), tick(), "scheduler", 0)).isEmpty();
  }

  @Test
  void twoStoresClaimingOverlappingBatchesClaimEveryJobExactlyOnce() {
    int jobCount = Math.min(claimRaceJobCount(), 600);
    List<QueueStore> stores = List.of(store, secondStore());
    for (int i = 0; i < jobCount; i++) {
      enqueue("ann");
    }
    List<Callable<List<Job>>> schedulers = new ArrayList<>();
    for (int s = 0; s < stores.size(); s++) {
      QueueStore scheduler = stores.get(s);
      Placement mine = placement("node-" + s, s);
      schedulers.add(() -> {
        List<Job> won = new ArrayList<>();
        while (true) {
          List<Job> window = scheduler.list(JobQuery.queued(50)).jobs();
          if (window.isEmpty()) {
            return won;
          }
          won.addAll(scheduler.claimAll(
              window.stream().map(j -> new Claim(j.id(), mine)).toList(), tick(), mine.node(), 0));
        }
      });
    }

    List<List<Job>> wonPerStore = QueueStoreRace.run(schedulers, RACE_DEADLINE);

    List<String> won = wonPerStore.stream().flatMap(List::stream).map(Job::id).toList();
    assertThat(won).as("every job claimed once, none twice").hasSize(jobCount).doesNotHaveDuplicates();
    for (int s = 0; s < wonPerStore.size(); s++) {
      for (Job job : wonPerStore.get(s).subList(0, Math.min(20, wonPerStore.get(s).size()))) {
        assertThat(store.get(job.id()).orElseThrow().placement()).isEqualTo(placement("node-" + s, s));
      }
    }
    assertThat(store.countByState().getOrDefault(JobState.SCHEDULED, 0L)).isEqualTo(jobCount);
  }

  // ---------------------------------------------------------------- transition

  @Test
  void transitionAppliesWhenTheStateIsExpectedAndAppendsTheEvent() {
    Job job = claim(enqueue("ann"));
    Instant at = tick();

    Job running =
        store
            .transition(
                job.id(),
                Set.of(JobState.SCHEDULED),
                JobTransition.to(JobState.RUNNING, at, "executor", "started")
                    .withExecutorRef("pid-4711"))
            .orElseThrow();

    assertThat(running.state()).isEqualTo(JobState.RUNNING);
    assertThat(running.startedAt()).isEqualTo(at);
    assertThat(running.executorRef()).isEqualTo("pid-4711");
    assertThat(running.message()).isEqualTo("started");
    assertThat(running.placement()).isEqualTo(job.placement());
    assertThat(store.get(job.id())).contains(running);
    assertThat(store.events(job.id()))
        .last()
        .isEqualTo(
            new JobEvent(
                job.id(), 3, at, JobState.SCHEDULED, JobState.RUNNING, "executor", "started"));
  }

  @Test
  void transitionAcceptsAnyOfSeveralExpectedStatesAndRecordsTheActualOne() {
    Job running = jobIn(JobState.RUNNING, "ann");

    Job cancelled =
        store
            .transition(
                running.id(),
                EnumSet.of(JobState.QUEUED, JobState.SCHEDULED, JobState.RUNNING),
                JobTransition.to(JobState.CANCELLED, tick(), "ann", "no longer needed"))
            .orElseThrow();

    assertThat(cancelled.state()).isEqualTo(JobState.CANCELLED);
    assertThat(store.events(running.id()).get(3).from()).isEqualTo(JobState.RUNNING);
  }

  @Test
  void transitionFromAnUnexpectedStateIsEmptyAndWritesNothing() {
    Job queued = enqueue("ann");
    Job running = jobIn(JobState.RUNNING, "ann");

    assertThat(
            store.transition(
                queued.id(),
                Set.of(JobState.RUNNING),
                JobTransition.to(JobState.CANCELLED, tick(), "ann", "x")
                    .withExitCode(1)
                    .withExecutorRef("r")))
        .isEmpty();
    assertThat(
            store.transition(
                running.id(),
                Set.of(JobState.SCHEDULED),
                JobTransition.to(JobState.COMPLETED, tick(), "reconciler", null).withExitCode(0)))
        .isEmpty();
    assertThat(
            store.transition(
                running.id(), Set.of(), JobTransition.to(JobState.CANCELLED, tick(), "ann", null)))
        .as("nothing expected, nothing applies")
        .isEmpty();

    assertThat(store.get(queued.id())).contains(queued);
    assertThat(store.get(running.id())).contains(running);
    assertThat(store.events(queued.id())).hasSize(1);
    assertThat(store.events(running.id())).hasSize(3);
  }

  @Test
  void onlyMovesTheJobModelAllowsAreApplied() {
    for (JobState from : JobState.values()) {
      for (JobState to : JobState.values()) {
        Job job = jobIn(from, "ann");
        int eventsBefore = store.events(job.id()).size();
        JobTransition transition =
            new JobTransition(
                to, tick(), "tester", from + "->" + to, placement("node-t", 0), 0, "ref");

        Optional<Job> result = store.transition(job.id(), Set.of(from), transition);

        if (from.canTransitionTo(to)) {
          assertThat(result).as("%s -> %s is allowed", from, to).isPresent();
          assertThat(result.orElseThrow().state()).isEqualTo(to);
          assertThat(store.events(job.id())).hasSize(eventsBefore + 1);
        } else {
          assertThat(result).as("%s -> %s is refused", from, to).isEmpty();
          assertThat(store.get(job.id())).as("%s -> %s writes nothing", from, to).contains(job);
          assertThat(store.events(job.id())).hasSize(eventsBefore);
        }
      }
    }
  }

  @Test
  void transitionOfAnUnknownJobIsEmpty() {
    JobTransition cancel = JobTransition.to(JobState.CANCELLED, tick(), "ann", null);

    assertThat(store.transition("424242", EnumSet.allOf(JobState.class), cancel)).isEmpty();
    assertThat(store.transition("nope", EnumSet.allOf(JobState.class), cancel)).isEmpty();
  }

  @Test
  void transitionAllAppliesEachRequestInOrderAndSkipsTheRest() {
    Job started = jobIn(JobState.SCHEDULED, "ann");
    Job queued = enqueue("bob");
    Job finished = jobIn(JobState.COMPLETED, "cid");
    Job toCancel = enqueue("dot");
    Instant runAt = tick();
    Instant endAt = tick();
    Instant cancelAt = tick();

    List<Optional<Job>> after = store.transitionAll(List.of(
        new TransitionRequest(started.id(), Set.of(JobState.SCHEDULED),
            JobTransition.to(JobState.RUNNING, runAt, "executor", null).withExecutorRef("ref-1")),
        new TransitionRequest(started.id(), Set.of(JobState.RUNNING),
            JobTransition.to(JobState.COMPLETED, endAt, "executor", "done").withExitCode(0)),
        new TransitionRequest("424242", Set.of(JobState.RUNNING),
            JobTransition.to(JobState.COMPLETED, tick(), "executor", null)),
        new TransitionRequest(queued.id(), Set.of(JobState.RUNNING),
            JobTransition.to(JobState.FAILED, tick(), "executor", "not running")),
        new TransitionRequest(finished.id(), Set.of(JobState.COMPLETED),
            JobTransition.to(JobState.RUNNING, tick(), "executor", "the model refuses")),
        new TransitionRequest(toCancel.id(), Set.of(JobState.QUEUED),
            JobTransition.to(JobState.CANCELLED, cancelAt, "dot", null))));

    assertThat(after).hasSize(6);
    assertThat(after.get(0)).get().extracting(Job::state, Job::startedAt, Job::executorRef)
        .containsExactly(JobState.RUNNING, runAt, "ref-1");
    Job completed = after.get(1).orElseThrow();
    assertThat(completed).extracting(Job::state, Job::startedAt, Job::finishedAt, Job::exitCode, Job::message)
        .as("the end sees the RUNNING written before it").containsExactly(JobState.COMPLETED, runAt, endAt, 0, "done");
    assertThat(after.subList(2, 5)).as("unknown, unexpected, refused").allMatch(Optional::isEmpty);
    assertThat(after.get(5)).get().extracting(Job::state).isEqualTo(JobState.CANCELLED);
    assertThat(store.get(started.id())).contains(completed);
    assertThat(store.events(started.id())).extracting(JobEvent::sequence, JobEvent::from, JobEvent::to)
        .containsExactly(tuple(1L, null, JobState.QUEUED), tuple(2L, JobState.QUEUED, JobState.SCHEDULED),
            tuple(3L, JobState.SCHEDULED, JobState.RUNNING), tuple(4L, JobState.RUNNING, JobState.COMPLETED));
    assertThat(store.get(queued.id())).contains(queued);
    assertThat(store.events(queued.id())).hasSize(1);
    assertThat(store.get(finished.id())).contains(finished);
    assertThat(store.events(finished.id())).hasSize(4);
    assertThat(store.events(toCancel.id())).last()
        .isEqualTo(new JobEvent(toCancel.id(), 2, cancelAt, JobState.QUEUED, JobState.CANCELLED, "dot", null));
    assertThat(store.transitionAll(List.of())).isEmpty();
  }

  @Test
  void transitionAllOfSeveralMovesOfOneJobLeavesTheCountsOfItsLastState() {
    Job started = jobIn(JobState.SCHEDULED, "ann");
    Job retried = jobIn(JobState.RUNNING, "bob");
    enqueue("cid");

    store.transitionAll(List.of(
        new TransitionRequest(started.id(), Set.of(JobState.SCHEDULED),
            JobTransition.to(JobState.RUNNING, tick(), "executor", null)),
        new TransitionRequest(retried.id(), Set.of(JobState.RUNNING),
            JobTransition.to(JobState.QUEUED, tick(), "reconciler", "retry")),
        new TransitionRequest(started.id(), Set.of(JobState.RUNNING),
            JobTransition.to(JobState.FAILED, tick(), "executor", "exit 1").withExitCode(1))));

    Map<JobState, Long> counts = store.countByState();
    assertThat(counts.getOrDefault(JobState.QUEUED, 0L)).isEqualTo(2);
    assertThat(counts.getOrDefault(JobState.FAILED, 0L)).isEqualTo(1);
    assertThat(counts.getOrDefault(JobState.SCHEDULED, 0L) + counts.getOrDefault(JobState.RUNNING, 0L)).isZero();
    assertThat(store.get(started.id()).orElseThrow().exitCode()).isEqualTo(1);
    assertThat(store.events(started.id())).extracting(JobEvent::to).endsWith(JobState.RUNNING, JobState.FAILED);
  }

  @Test
  void transitionToScheduledStampsScheduledAtAndStoresThePlacement() {
    Job job = enqueue("ann");
    Instant at = tick();
    Placement placement = placement("node-x", 3);

    Job scheduled =
        store
            .transition(
                job.id(),
                Set.of(JobState.QUEUED),
                new JobTransition(JobState.SCHEDULED, at, "scheduler", null, placement, null, null))
            .orElseThrow();

    assertThat(scheduled.scheduledAt()).isEqualTo(at);
    assertThat(scheduled.placement()).isEqualTo(placement);
    assertThat(scheduled.startedAt()).isNull();
    assertThat(scheduled.finishedAt()).isNull();
  }

  @Test
  void runningThenAnEndStampsStartedAtThenFinishedAt() {
    Job scheduled = jobIn(JobState.SCHEDULED, "ann");
    Instant started = tick();
    Instant finished = tick();

    Job running = move(scheduled, JobState.RUNNING, started);
    Job completed = move(running, JobState.COMPLETED, finished);

    assertThat(running.startedAt()).isEqualTo(started);
    assertThat(running.finishedAt()).isNull();
    assertThat(completed.scheduledAt()).isEqualTo(scheduled.scheduledAt());
    assertThat(completed.startedAt()).isEqualTo(started);
    assertThat(completed.finishedAt()).isEqualTo(finished);
  }

  @Test
  void anEndStraightFromScheduledStampsStartedAtToo() {
    for (JobState end : List.of(JobState.COMPLETED, JobState.FAILED, JobState.CANCELLED, JobState.TIMED_OUT)) {
      Job scheduled = jobIn(JobState.SCHEDULED, "ann");
      Instant at = tick();

      Job ended = move(scheduled, end, at);

      assertThat(ended.startedAt()).as("startedAt of SCHEDULED -> %s", end).isEqualTo(at);
      assertThat(ended.finishedAt()).as("finishedAt of SCHEDULED -> %s", end).isEqualTo(at);
      assertThat(ended.scheduledAt()).isEqualTo(scheduled.scheduledAt());
    }
  }

  @Test
  void cancellingAQueuedJobStampsOnlyFinishedAt() {
    Job job = enqueue("ann");
    Instant at = tick();

    Job cancelled = move(job, JobState.CANCELLED, at);

    assertThat(cancelled.finishedAt()).isEqualTo(at);
    assertThat(cancelled.scheduledAt()).isNull();
    assertThat(cancelled.startedAt()).isNull();
    assertThat(cancelled.placement()).isNull();
  }

  @Test
  void exitCodeMessageAndExecutorRefAreWritten() {
    Job running = jobIn(JobState.RUNNING, "ann");

    Job failed =
        store
            .transition(
                running.id(),
                Set.of(JobState.RUNNING),
                JobTransition.to(JobState.FAILED, tick(), "reconciler", "CUDA out of memory")
                    .withExitCode(137)
                    .withExecutorRef("pid-99"))
            .orElseThrow();

    assertThat(failed.exitCode()).isEqualTo(137);
    assertThat(failed.message()).isEqualTo("CUDA out of memory");
    assertThat(failed.executorRef()).isEqualTo("pid-99");
    assertThat(store.get(running.id())).contains(failed);
  }

  @Test
  void fieldsLeftNullKeepTheirStoredValues() {
    Job scheduled = jobIn(JobState.SCHEDULED, "ann");
    Job running =
        store
            .transition(
                scheduled.id(),
                Set.of(JobState.SCHEDULED),
                JobTransition.to(JobState.RUNNING, tick(), "executor", "running on node-a")
                    .withExecutorRef("pid-1"))
            .orElseThrow();

    Job completed =
        store
            .transition(
                running.id(),
                Set.of(JobState.RUNNING),
                JobTransition.to(JobState.COMPLETED, tick(), "reconciler", null).withExitCode(0))
            .orElseThrow();

    assertThat(completed.executorRef()).isEqualTo("pid-1");
    assertThat(completed.message()).isEqualTo("running on node-a");
    assertThat(completed.placement()).isEqualTo(scheduled.placement());
    assertThat(completed.exitCode()).isZero();
    assertThat(store.events(running.id())).last().extracting(JobEvent::message).isNull();
  }

  // ---------------------------------------------------------------- events

  @Test
  void theSubmissionIsTheFirstEvent() {
    Instant at = tick();
    Job job = store.enqueue(new JobSubmission("first", "ann", "demo", Map.of(), 1, 0), at);

    assertThat(store.events(job.id()))
        .containsExactly(new JobEvent(job.id(), 1, at, null, JobState.QUEUED, "ann", null));
  }

  @Test
  void everyChangeIsAnEventNumberedFromOneWithItsActorAndMessage() {
    Instant submitted = tick();
    Job job = store.enqueue(new JobSubmission("history", "ann", "demo", Map.of(), 1, 0), submitted);
    Instant scheduled = tick();
    store.claim(job.id(), placement("node-a", 0), scheduled, "scheduler");
    Instant started = tick();
    store.transition(
        job.id(),
        Set.of(JobState.SCHEDULED),
        JobTransition.to(JobState.RUNNING, started, "executor", "pid 12"));
    Instant finished = tick();
    store.transition(
        job.id(),
        Set.of(JobState.RUNNING),
        JobTransition.to(JobState.FAILED, finished, "reconciler", "exit 2").withExitCode(2));

    assertThat(store.events(job.id()))
        .containsExactly(
            new JobEvent(job.id(), 1, submitted, null, JobState.QUEUED, "ann", null),
            new JobEvent(
                job.id(), 2, scheduled, JobState.QUEUED, JobState.SCHEDULED, "scheduler", null),
            new JobEvent(
                job.id(), 3, started, JobState.SCHEDULED, JobState.RUNNING, "executor", "pid 12"),
            new JobEvent(
                job.id(), 4, finished, JobState.RUNNING, JobState.FAILED, "reconciler", "exit 2"));
  }

  @Test
  void eventsAreKeptPerJob() {
    Job a = enqueue("ann");
    Job b = enqueue("bob");
    claim(a);

    assertThat(store.events(a.id())).extracting(JobEvent::sequence).containsExactly(1L, 2L);
    assertThat(store.events(b.id())).extracting(JobEvent::sequence).containsExactly(1L);
    assertThat(store.events(b.id())).extracting(JobEvent::jobId).containsOnly(b.id());
  }

  @Test
  void eventsOfAnUnknownJobAreEmpty() {
    assertThat(store.events("424242")).isEmpty();
    assertThat(store.events("nope")).isEmpty();
  }

  // ---------------------------------------------------------------- settings

  @Test
  void aSectionNeverWrittenIsVersionZeroWithNoValues() {
    assertThat(store.settings("thresholds"))
        .isEqualTo(new VersionedSettings("thresholds", 0, Map.of()));
  }

  @Test
  void putWithVersionZeroCreatesVersionOneThenEachPutReplacesAndBumps() {
    Map<String, String> v1 = Map.of("maxUtilization", "80", "minFreeMemoryMiB", "2048");
    Map<String, String> v2 = Map.of("maxUtilization", "90");

    assertThat(store.putSettings("thresholds", v1, 0))
        .contains(new VersionedSettings("thresholds", 1, v1));
    assertThat(store.settings("thresholds")).isEqualTo(new VersionedSettings("thresholds", 1, v1));

    assertThat(store.putSettings("thresholds", v2, 1))
        .contains(new VersionedSettings("thresholds", 2, v2));
    assertThat(store.settings("thresholds"))
        .as("a put replaces the values, it does not merge them")
        .isEqualTo(new VersionedSettings("thresholds", 2, v2));

    assertThat(store.putSettings("thresholds", Map.of(), 2))
        .contains(new VersionedSettings("thresholds", 3, Map.of()));
  }

  @Test
  void aStalePutIsEmptyAndChangesNothing() {
    Map<String, String> values = Map.of("maxRunningJobs", "4");
    store.putSettings("scheduler", values, 0);
    store.putSettings("scheduler", Map.of("maxRunningJobs", "5"), 1);

    assertThat(store.putSettings("scheduler", Map.of("maxRunningJobs", "6"), 1)).isEmpty();
    assertThat(store.putSettings("scheduler", Map.of("maxRunningJobs", "6"), 0)).isEmpty();
    assertThat(store.putSettings("scheduler", Map.of("maxRunningJobs", "6"), 7)).isEmpty();
    assertThat(store.putSettings("never-written", Map.of("a", "b"), 1)).isEmpty();

    assertThat(store.settings("scheduler"))
        .isEqualTo(new VersionedSettings("scheduler", 2, Map.of("maxRunningJobs", "5")));
    assertThat(store.settings("never-written").version()).isZero();
  }

  @Test
  void settingsValuesRoundTripVerbatim() {
    Map<String, String> values =
        Map.of("empty", "", "text", "Grüße, \"quoted\" = 'x'\nline two", "decimal", "0.75");

    store.putSettings("odd", values, 0);

    assertThat(store.settings("odd").values()).isEqualTo(values);
  }

  @Test
  void settingsWrittenThroughOneInstanceAreSeenByAnother() {
    QueueStore other = secondStore();
    store.putSettings("thresholds", Map.of("maxUtilization", "80"), 0);

    assertThat(other.settings("thresholds").version()).isEqualTo(1);
    assertThat(other.putSettings("thresholds", Map.of("maxUtilization", "70"), 0)).isEmpty();
    assertThat(other.putSettings("thresholds", Map.of("maxUtilization", "70"), 1)).isPresent();
    assertThat(store.settings("thresholds").values()).containsEntry("maxUtilization", "70");
  }

  // ---------------------------------------------------------------- health and failures

  @Test
  void checkHealthPassesOnReachableStorage() {
    store.checkHealth();
    enqueue("ann");
    store.checkHealth();
  }

  @Test
  void writesOnUnreachableStorageThrowStoreUnavailableAndNeverReadAsRefused() {
    Job queued = enqueue("ann");
    Job running = jobIn(JobState.RUNNING, "ann");
    store.putSettings("scheduler", Map.of("maxRunningJobs", "4"), 0);
    Optional<QueueStoreOutage> outage = makeStorageUnreachable();
    assumeThat(outage).as("this store cannot simulate unreachable storage").isPresent();

    try (QueueStoreOutage down = outage.orElseThrow()) {
      QueueStore cut = down.store();
      assertThatThrownBy(
              () -> cut.enqueue(new JobSubmission("x", "ann", "demo", Map.of(), 0, 0), tick()))
          .isInstanceOf(StoreUnavailableException.class);
      assertThatThrownBy(() -> cut.claim(queued.id(), placement("node-a", 0), tick(), "scheduler"))
          .isInstanceOf(StoreUnavailableException.class);
      assertThatThrownBy(
              () ->
                  cut.transition(
                      running.id(),
                      Set.of(JobState.RUNNING),
                      JobTransition.to(JobState.COMPLETED, tick(), "reconciler", null)))
          .isInstanceOf(StoreUnavailableException.class);
      assertThatThrownBy(() -> cut.putSettings("scheduler", Map.of("maxRunningJobs", "5"), 1))
          .isInstanceOf(StoreUnavailableException.class);
    }

    assertThat(store.get(queued.id())).contains(queued);
    assertThat(store.get(running.id())).contains(running);
    assertThat(store.events(running.id())).hasSize(3);
    assertThat(store.settings("scheduler").version()).isEqualTo(1);
    assertThat(ids(list(new JobQuery(Set.of(), null, 100, null, true))))
        .containsExactly(queued.id(), running.id());
  }

  // ---------------------------------------------------------------- concurrency

  @Test
  void twoStoresWithFourSchedulersEachClaimEveryJobExactlyOnce() {
    int jobCount = claimRaceJobCount();
    List<QueueStore> stores = List.of(store, secondStore());
    for (int i = 0; i < jobCount; i++) {
      enqueue(i % 2 == 0 ? "ann" : "bob");
    }
    Map<String, Placement> winners = new ConcurrentHashMap<>();
    Set<String> doubleClaims = ConcurrentHashMap.newKeySet();
    List<Callable<Integer>> schedulers = new ArrayList<>();
    for (int s = 0; s < stores.size(); s++) {
      for (int t = 0; t < 4; t++) {
        QueueStore scheduler = stores.get(s);
        Placement mine = placement("node-" + s + "-" + t, t);
        Random random = new Random(31L * s + t);
        schedulers.add(
            () -> {
              int claimed = 0;
              while (true) {
                List<Job> window = scheduler.list(JobQuery.queued(64)).jobs();
                if (window.isEmpty()) {
                  return claimed;
                }
                List<Job> shuffled = new ArrayList<>(window);
                Collections.shuffle(shuffled, random);
                for (Job job : shuffled) {
                  Optional<Job> won = scheduler.claim(job.id(), mine, tick(), mine.node());
                  if (won.isPresent()) {
                    claimed++;
                    if (winners.putIfAbsent(job.id(), mine) != null) {
                      doubleClaims.add(job.id());
                    }
                  }
                }
              }
            });
      }
    }

    List<Integer> claimedPerScheduler = QueueStoreRace.run(schedulers, RACE_DEADLINE);

    assertThat(doubleClaims).as("jobs claimed twice").isEmpty();
    assertThat(claimedPerScheduler.stream().mapToInt(Integer::intValue).sum()).isEqualTo(jobCount);
    assertThat(winners).hasSize(jobCount);
    Map<JobState, Long> counts = store.countByState();
    assertThat(counts.getOrDefault(JobState.QUEUED, 0L)).isZero();
    assertThat(counts.getOrDefault(JobState.SCHEDULED, 0L)).isEqualTo(jobCount);
    List<Job> scheduled = pageThrough(Set.of(JobState.SCHEDULED), null, 1000, true);
    assertThat(scheduled).hasSize(jobCount);
    for (Job job : scheduled) {
      assertThat(job.placement())
          .as("placement of job %s", job.id())
          .isEqualTo(winners.get(job.id()));
    }
    for (Job job : scheduled.subList(0, Math.min(50, scheduled.size()))) {
      assertThat(store.events(job.id())).as("events of job %s", job.id()).hasSize(2);
    }
  }

  @Test
  void concurrentEnqueuesThroughTwoStoresGiveUniqueIncreasingIds() {
    List<QueueStore> stores = List.of(store, secondStore());
    int perThread = 40;
    List<Callable<List<Long>>> submitters = new ArrayList<>();
    for (int s = 0; s < stores.size(); s++) {
      for (int t = 0; t < 4; t++) {
        QueueStore submitter = stores.get(s);
        String user = "user-" + s + "-" + t;
        submitters.add(
            () -> {
              List<Long> ids = new ArrayList<>();
              for (int i = 0; i < perThread; i++) {
                ids.add(
                    submitter
                        .enqueue(
                            new JobSubmission("j" + i, user, "demo", Map.of("i", "" + i), 1, 0),
                            tick())
                        .sequence());
              }
              return ids;
            });
      }
    }

    List<List<Long>> idsPerThread = QueueStoreRace.run(submitters, RACE_DEADLINE);

    for (List<Long> ids : idsPerThread) {
      assertThat(ids).as("ids one thread got, in order").isSorted().doesNotHaveDuplicates();
    }
    Set<Long> all = idsPerThread.stream().flatMap(List::stream).collect(Collectors.toSet());
    assertThat(all).hasSize(submitters.size() * perThread);
    assertThat(store.countByState().getOrDefault(JobState.QUEUED, 0L)).isEqualTo(all.size());
    for (Long id : all.stream().limit(40).toList()) {
      assertThat(store.events(id.toString())).hasSize(1);
    }
  }

  @Test
  void concurrentTransitionsOnOneJobHaveExactlyOneWinner() {
    List<QueueStore> stores = List.of(store, secondStore());
    JobState[] ends = {JobState.COMPLETED, JobState.FAILED, JobState.CANCELLED};
    for (int round = 0; round < 10; round++) {
      Job running = jobIn(JobState.RUNNING, "ann");
      List<Callable<Optional<Job>>> racers = new ArrayList<>();
      for (int r = 0; r < 8; r++) {
        QueueStore racer = stores.get(r % 2);
        JobTransition end =
            JobTransition.to(ends[r % ends.length], tick(), "racer-" + r, "racer " + r);
        racers.add(() -> racer.transition(running.id(), Set.of(JobState.RUNNING), end));
      }

      List<Job> winners =
          QueueStoreRace.run(racers, RACE_DEADLINE).stream().flatMap(Optional::stream).toList();

      assertThat(winners).as("winners of round %d", round).hasSize(1);
      assertThat(store.get(running.id())).contains(winners.get(0));
      List<JobEvent> events = store.events(running.id());
      assertThat(events).hasSize(4);
      assertThat(events.get(3).message()).isEqualTo(winners.get(0).message());
    }
  }

  @Test
  void twoBatchersRacingOverTheSameJobsMoveEachJobOnceAtEveryStep() {
    int jobCount = Math.min(claimRaceJobCount(), 300);
    List<QueueStore> stores = List.of(store, secondStore());
    List<Job> scheduled = new ArrayList<>();
    for (int i = 0; i < jobCount; i++) {
      scheduled.add(jobIn(JobState.SCHEDULED, "ann"));
    }
    List<Callable<List<Optional<Job>>>> batchers = new ArrayList<>();
    for (int b = 0; b < stores.size(); b++) {
      QueueStore batcher = stores.get(b);
      List<Job> order = new ArrayList<>(scheduled);
      Collections.shuffle(order, new Random(b));
      List<TransitionRequest> requests = new ArrayList<>();
      for (Job job : order) {
        requests.add(new TransitionRequest(job.id(), Set.of(JobState.SCHEDULED),
            JobTransition.to(JobState.RUNNING, tick(), "batcher-" + b, null)));
        requests.add(new TransitionRequest(job.id(), Set.of(JobState.RUNNING),
            JobTransition.to(b == 0 ? JobState.COMPLETED : JobState.FAILED, tick(), "batcher-" + b, "batcher " + b)));
      }
      batchers.add(() -> {
        List<Optional<Job>> all = new ArrayList<>();
        for (int from = 0; from < requests.size(); from += 40) {
          all.addAll(batcher.transitionAll(requests.subList(from, Math.min(requests.size(), from + 40))));
        }
        return all;
      });
    }

    List<List<Optional<Job>>> results = QueueStoreRace.run(batchers, RACE_DEADLINE);

    List<Job> moved = results.stream().flatMap(List::stream).flatMap(Optional::stream).toList();
    assertThat(moved.stream().filter(j -> j.state() == JobState.RUNNING)).as("starts").hasSize(jobCount);
    List<Job> ends = moved.stream().filter(j -> j.state().isTerminal()).toList();
    assertThat(ends).as("ends").hasSize(jobCount);
    assertThat(ends.stream().map(Job::id)).doesNotHaveDuplicates();
    for (Job end : ends) {
      assertThat(store.get(end.id())).contains(end);
      assertThat(store.events(end.id())).extracting(JobEvent::from, JobEvent::to).containsExactly(
          tuple(null, JobState.QUEUED), tuple(JobState.QUEUED, JobState.SCHEDULED),
          tuple(JobState.SCHEDULED, JobState.RUNNING), tuple(JobState.RUNNING, end.state()));
    }
  }

  @Test
  void aClaimRacingACancelHasExactlyOneWinner() {
    QueueStore other = secondStore();
    for (int round = 0; round < 20; round++) {
      Job job = enqueue("ann");
      List<Callable<Optional<Job>>> racers =
          List.of(
              () -> store.claim(job.id(), placement("node-a", 0), tick(), "scheduler"),
              () ->
                  other.transition(
                      job.id(),
                      Set.of(JobState.QUEUED),
                      JobTransition.to(JobState.CANCELLED, tick(), "ann", null)));

      List<Job> winners =
          QueueStoreRace.run(racers, RACE_DEADLINE).stream().flatMap(Optional::stream).toList();

      assertThat(winners).as("winners of round %d", round).hasSize(1);
      assertThat(store.get(job.id())).contains(winners.get(0));
      assertThat(store.events(job.id())).hasSize(2);
    }
  }

  @Test
  void concurrentSettingsPutsOfOneVersionHaveExactlyOneWinner() {
    List<QueueStore> stores = List.of(store, secondStore());
    List<Callable<Optional<VersionedSettings>>> writers = new ArrayList<>();
    for (int w = 0; w < 8; w++) {
      QueueStore writer = stores.get(w % 2);
      Map<String, String> values = Map.of("writer", Integer.toString(w));
      writers.add(() -> writer.putSettings("thresholds", values, 0));
    }

    List<VersionedSettings> winners =
        QueueStoreRace.run(writers, RACE_DEADLINE).stream().flatMap(Optional::stream).toList();

    assertThat(winners).hasSize(1);
    assertThat(store.settings("thresholds")).isEqualTo(winners.get(0));
    assertThat(winners.get(0).version()).isEqualTo(1);
  }

  // ---------------------------------------------------------------- usage ledger

  private static final Duration HOUR = Duration.ofHours(1);

  @Test
  void aStoreWithNoAccrualsHasNoUsage() {
    assertThat(store.usage(tick(), HOUR)).isEmpty();
  }

  @Test
  void anAccrualAddsGpusTimesSecondsToRawAndDecayedUsage() {
    Job job = jobIn(JobState.RUNNING, "ann");
    Instant from = job.startedAt();
    Instant until = from.plusSeconds(90);

    store.accrueUsage(List.of(accrual(job, 2, from, until)), HOUR);

    UserUsage ann = usageOf("ann", until);
    assertThat(ann.gpuSeconds()).isCloseTo(180, within(1e-6));
    assertThat(ann.decayedGpuSeconds()).isCloseTo(180, within(1e-6));
  }

  @Test
  void anAccrualChangesNeitherTheJobNorItsHistory() {
    Job job = jobIn(JobState.RUNNING, "ann");
    int events = store.events(job.id()).size();

    store.accrueUsage(List.of(accrual(job, 1, job.startedAt(), job.startedAt().plusSeconds(60))), HOUR);

    assertThat(store.get(job.id())).contains(job);
    assertThat(store.events(job.id())).hasSize(events);
  }

  @Test
  void zeroGpusAnUnknownJobOrAnEmptyIntervalAddNothing() {
    Job cpu = jobIn(JobState.RUNNING, "bob");
    Instant from = cpu.startedAt();
    store.accrueUsage(
        List.of(
            accrual(cpu, 0, from, from.plusSeconds(600)),
            new UsageAccrual("999999999", "carl", 4, from, from.plusSeconds(600)),
            new UsageAccrual("not-a-job", "carl", 4, from, from.plusSeconds(600)),
            new UsageAccrual(cpu.id(), "dora", 4, from, from),
            new UsageAccrual(cpu.id(), "dora", 4, from, from.minusSeconds(60))),
        HOUR);

    assertThat(store.usage(from.plusSeconds(600), HOUR)).isEmpty();
  }

  @Test
  void theSameAccrualGivenTwiceAddsOnce() {
    Job job = jobIn(JobState.RUNNING, "ann");
    Instant from = job.startedAt();
    UsageAccrual minute = accrual(job, 3, from, from.plusSeconds(60));

    store.accrueUsage(List.of(minute, minute), HOUR);
    store.accrueUsage(List.of(minute), HOUR);
    secondStore().accrueUsage(List.of(minute), HOUR);

    assertThat(usageOf("ann", from.plusSeconds(60)).gpuSeconds()).isCloseTo(180, within(1e-6));
  }

  @Test
  void aLaterAccrualOfTheSameJobAddsOnlyTheDifferenceAndAnOlderOneNothing() {
    Job job = jobIn(JobState.RUNNING, "ann");
    Instant from = job.startedAt();

    store.accrueUsage(List.of(accrual(job, 2, from, from.plusSeconds(60))), HOUR);
    store.accrueUsage(List.of(accrual(job, 2, from, from.plusSeconds(100))), HOUR);
    store.accrueUsage(List.of(accrual(job, 2, from, from.plusSeconds(80))), HOUR);

    UserUsage ann = usageOf("ann", from.plusSeconds(100));
    assertThat(ann.gpuSeconds()).isCloseTo(200, within(1e-6));
    // 120 counted at 60 s, decayed for 40 s, then 80 more at 100 s.
    assertThat(ann.decayedGpuSeconds()).isCloseTo(120 * Math.pow(2, -40.0 / 3600) + 80, within(1e-6));
  }

  @Test
  void decayedUsageHalvesEveryHalfLifeAndRawUsageStays() {
    Job job = jobIn(JobState.RUNNING, "ann");
    Instant until = job.startedAt().plusSeconds(100);
    store.accrueUsage(List.of(accrual(job, 1, job.startedAt(), until)), HOUR);

    assertThat(usageOf("ann", until.plus(HOUR)).decayedGpuSeconds()).isCloseTo(50, within(1e-6));
    assertThat(usageOf("ann", until.plus(HOUR.multipliedBy(2))).decayedGpuSeconds()).isCloseTo(25, within(1e-6));
    assertThat(usageOf("ann", until.plus(HOUR.multipliedBy(2))).gpuSeconds()).isCloseTo(100, within(1e-6));
    assertThat(usageOf("ann", until.plus(Duration.ofDays(100 * 365))).decayedGpuSeconds()).isBetween(0.0, 1e-6);
  }

  @Test
  void addingAtAnEarlierInstantDecaysTheAddedPartSoTheOrderOfAccrualsDoesNotMatter() {
    Job early = jobIn(JobState.RUNNING, "ann");
    Job late = jobIn(JobState.RUNNING, "ann");
    Job early2 = jobIn(JobState.RUNNING, "bob");
    Job late2 = jobIn(JobState.RUNNING, "bob");
    Instant t = late.startedAt().plus(HOUR);
    Instant halfLifeBefore = t.minus(HOUR);

    // ann: the later accrual first, then one that ends a half-life before it.
    store.accrueUsage(List.of(accrual(late, 1, t.minusSeconds(100), t)), HOUR);
    store.accrueUsage(List.of(accrual(early, 1, halfLifeBefore.minusSeconds(100), halfLifeBefore)), HOUR);
    // bob: the same two, in time order.
    store.accrueUsage(List.of(accrual(early2, 1, halfLifeBefore.minusSeconds(100), halfLifeBefore)), HOUR);
    store.accrueUsage(List.of(accrual(late2, 1, t.minusSeconds(100), t)), HOUR);

    for (String user : List.of("ann", "bob")) {
      UserUsage u = usageOf(user, t);
      assertThat(u.gpuSeconds()).as("%s raw", user).isCloseTo(200, within(1e-6));
      assertThat(u.decayedGpuSeconds()).as("%s decayed", user).isCloseTo(150, within(1e-6));
    }
  }

  @Test
  void severalAccrualsOfOneUserInOneCallAddUpAsTheyWouldOneCallEach() {
    List<Job> ann = List.of(jobIn(JobState.RUNNING, "ann"), jobIn(JobState.RUNNING, "ann"), jobIn(JobState.RUNNING, "ann"));
    List<Job> bob = List.of(jobIn(JobState.RUNNING, "bob"), jobIn(JobState.RUNNING, "bob"), jobIn(JobState.RUNNING, "bob"));
    Instant t = ann.get(2).startedAt().plus(HOUR);
    // A later instant, then one a half-life before it, then one after both: each decays against the last.
    List<Instant> ends = List.of(t, t.minus(HOUR), t.plusSeconds(1800));

    List<UsageAccrual> together = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      together.add(accrual(ann.get(i), i + 1, ends.get(i).minusSeconds(100), ends.get(i)));
      store.accrueUsage(List.of(accrual(bob.get(i), i + 1, ends.get(i).minusSeconds(100), ends.get(i))), HOUR);
    }
    store.accrueUsage(together, HOUR);

    UserUsage a = usageOf("ann", t.plus(HOUR));
    UserUsage b = usageOf("bob", t.plus(HOUR));
    assertThat(a.gpuSeconds()).isEqualTo(b.gpuSeconds()).isCloseTo(600, within(1e-6));
    assertThat(a.decayedGpuSeconds()).isEqualTo(b.decayedGpuSeconds());
  }

  @Test
  void usageIsKeptPerUser() {
    Job ann = jobIn(JobState.RUNNING, "ann");
    Job bob = jobIn(JobState.RUNNING, "bob");
    Instant until = bob.startedAt().plusSeconds(10);

    store.accrueUsage(
        List.of(accrual(ann, 1, until.minusSeconds(10), until), accrual(bob, 4, until.minusSeconds(5), until)), HOUR);

    assertThat(store.usage(until, HOUR))
        .extracting(UserUsage::user, u -> Math.round(u.gpuSeconds()), u -> Math.round(u.decayedGpuSeconds()))
        .containsExactlyInAnyOrder(tuple("ann", 10L, 10L), tuple("bob", 20L, 20L));
  }

  @Test
  void usageAndWhatWasCountedSurviveReopeningTheStore() throws Exception {
    Job job = jobIn(JobState.RUNNING, "ann");
    Instant from = job.startedAt();
    UsageAccrual minute = accrual(job, 2, from, from.plusSeconds(60));
    store.accrueUsage(List.of(minute), HOUR);
    if (store instanceof AutoCloseable closeable) {
      closeable.close();
    }

    QueueStore reopened = secondStore();
    reopened.accrueUsage(List.of(minute), HOUR);
    UserUsage ann = reopened.usage(from.plusSeconds(60), HOUR).get(0);
    assertThat(ann.user()).isEqualTo("ann");
    assertThat(ann.gpuSeconds()).isCloseTo(120, within(1e-6));
    assertThat(ann.decayedGpuSeconds()).isCloseTo(120, within(1e-6));
  }

  @Test
  void aHalfLifeThatIsNotPositiveIsRefused() {
    Job job = jobIn(JobState.RUNNING, "ann");
    UsageAccrual minute = accrual(job, 1, job.startedAt(), job.startedAt().plusSeconds(60));
    assertThatThrownBy(() -> store.accrueUsage(List.of(minute), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.usage(tick(), Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.usage(tick(), HOUR)).isEmpty();
  }

  @Test
  void twoStoresAccruingOneJobAtOnceCountEachSecondOnce() {
    List<QueueStore> stores = List.of(store, secondStore());
    for (int round = 0; round < 5; round++) {
      Job job = jobIn(JobState.RUNNING, "user-" + round);
      Instant from = job.startedAt();
      List<Callable<Void>> racers = new ArrayList<>();
      for (int r = 0; r < 8; r++) {
        QueueStore racer = stores.get(r % 2);
        // Two racers each give the same accrual, and the four pairs end at different instants.
        UsageAccrual mine = accrual(job, 2, from, from.plusSeconds(10L * (r / 2 + 1)));
        racers.add(() -> {
          racer.accrueUsage(List.of(mine), Duration.ofDays(10_000));
          return null;
        });
      }

      QueueStoreRace.run(racers, RACE_DEADLINE);

      UserUsage u = usageOf("user-" + round, from.plusSeconds(40));
      assertThat(u.gpuSeconds()).as("round %d", round).isCloseTo(80, within(1e-6));
      assertThat(u.decayedGpuSeconds()).as("round %d", round).isCloseTo(80, within(0.01));
    }
  }

  // ---------------------------------------------------------------- helpers

  /** A distinct, later instant each call, so events and timestamps can be told apart. */
  protected final Instant tick() {
    return T0.plusSeconds(ticks.incrementAndGet());
  }

  protected static Placement placement(String node, Integer... gpus) {
    return new Placement(node, List.of(gpus));
  }

  private static UsageAccrual accrual(Job job, int gpus, Instant from, Instant until) {
    return new UsageAccrual(job.id(), job.user(), gpus, from, until);
  }

  private UserUsage usageOf(String user, Instant at) {
    return store.usage(at, HOUR).stream()
        .filter(u -> u.user().equals(user))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no usage for " + user));
  }

  private QueueStore track(QueueStore s) {
    return opened.track(s);
  }

  private Job enqueue(String user) {
    return store.enqueue(submission(user), tick());
  }

  private static JobSubmission submission(String user) {
    return new JobSubmission("job of " + user, user, "demo", Map.of("work-dir", "/w"), 1, 0);
  }

  private Job claim(Job job) {
    return store.claim(job.id(), placement("node-a", 0, 1), tick(), "scheduler").orElseThrow();
  }

  private Job cancel(Job job) {
    return move(job, JobState.CANCELLED, tick());
  }

  private Job move(Job job, JobState to, Instant at) {
    return store
        .transition(job.id(), Set.of(job.state()), JobTransition.to(to, at, "tester", null))
        .orElseThrow(() -> new AssertionError("could not move job " + job.id() + " to " + to));
  }

  /** A new job of {@code user} brought to {@code state} along the normal path. */
  private Job jobIn(JobState state, String user) {
    Job job = enqueue(user);
    return switch (state) {
      case QUEUED -> job;
      case SCHEDULED -> claim(job);
      case RUNNING -> move(claim(job), JobState.RUNNING, tick());
      case COMPLETED, FAILED, TIMED_OUT -> move(move(claim(job), JobState.RUNNING, tick()), state, tick());
      case CANCELLED -> cancel(job);
      case HELD -> move(job, JobState.HELD, tick());
    };
  }

  private List<Job> list(JobQuery query) {
    return store.list(query).jobs();
  }

  private List<Job> pageThrough(Set<JobState> states, String user, int limit, boolean oldestFirst) {
    List<Job> seen = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    String cursor = null;
    do {
      JobPage page = store.list(new JobQuery(states, user, limit, cursor, oldestFirst));
      assertThat(page.jobs()).hasSizeLessThanOrEqualTo(limit);
      if (page.next() != null) {
        assertThat(page.jobs()).as("a page with a next cursor is full").hasSize(limit);
      }
      for (Job job : page.jobs()) {
        assertThat(ids.add(job.id())).as("job %s listed twice", job.id()).isTrue();
        seen.add(job);
      }
      cursor = page.next();
    } while (cursor != null);
    return seen;
  }

  private static List<String> ids(List<Job> jobs) {
    return jobs.stream().map(Job::id).toList();
  }
}
