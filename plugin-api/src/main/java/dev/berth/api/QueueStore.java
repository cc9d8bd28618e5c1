package dev.berth.api;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pf4j.ExtensionPoint;

/**
 * Durable jobs, their history, and settings.
 *
 * <p><b>Combination:</b> exactly one store is active, chosen by {@code extensions.store}.
 *
 * <p><b>Threads:</b> called concurrently from HTTP request threads, the scheduler thread and the
 * reconciler thread, and possibly from other Berth processes sharing the same backing storage. Every
 * method must be thread-safe, and every state change must be an atomic compare-and-set against the
 * backing storage, not against a cache: two schedulers in two processes must never both claim one
 * job.
 *
 * <p><b>Speed:</b> single-job operations should answer in about a millisecond on local storage;
 * they sit on the submit path and inside the scheduling loop.
 *
 * <p><b>Durability:</b> when {@link #enqueueCounted}, {@link #claimAll}, {@link #transition} or {@link
 * #transitionAll} returns, the change must survive a {@code kill -9} of the Berth process.
 *
 * <p><b>Failures:</b> when the backing storage is unreachable, throw {@link
 * StoreUnavailableException}; never return "not found" for "could not ask".
 *
 * <p>A store may implement {@link AutoCloseable}; the host closes it at shutdown. Every store passes
 * the {@code QueueStoreContract} suite of {@code berth-testkit}.
 */
public interface QueueStore extends ExtensionPoint {

  /**
   * Adds a QUEUED job with a new id greater than every id given before, records the submission as
   * the job's first event, and answers how many QUEUED jobs were ahead of the new one when it was
   * added: the submit answer's place in the queue. Every submission goes through it, so a store
   * should count in the same atomic step (or round trip) as the insert.
   */
  Enqueued enqueueCounted(JobSubmission submission, Instant at);

  /**
   * Queues several jobs in one atomic step: all of them, with consecutive new ids in list order, or
   * none. Each starts HELD when its submission says {@code hold}, else QUEUED, and gets its
   * submission as first event. The submissions whose {@link JobFlow#inArray() flow is in an array}
   * form one array: each of them gets the id of the first of them as {@link JobFlow#arrayId()}.
   *
   * <p>An array or sweep is queued through it in one request, so a store should make it one
   * transaction or one round trip. The default queues one by one and refuses arrays; every bundled
   * store does it atomically, and {@code QueueStoreContract} checks it.
   *
   * @return the queued jobs, in the order of {@code submissions}
   */
  default List<Job> enqueueAll(List<JobSubmission> submissions, Instant at) {
    if (submissions.stream().anyMatch(s -> s.flow().inArray())) {
      throw new UnsupportedOperationException("this store cannot queue job arrays");
    }
    return submissions.stream().map(s -> enqueue(s, at)).toList();
  }

  /**
   * Every job of the array {@code arrayId}, by index; empty for an unknown array. Stores written
   * before arrays existed keep none.
   */
  default List<Job> arrayJobs(String arrayId) {
    return List.of();
  }

  /** {@link #enqueueCounted} without the count, for tests and tools that fill a queue. */
  default Job enqueue(JobSubmission submission, Instant at) {
    return enqueueCounted(submission, at).job();
  }

  Optional<Job> get(String id);

  /**
   * The jobs {@code ids} name: one entry per id, in order, empty for an id that names no job. The
   * reconciler reads the jobs of a round of executor reports with it, so a store should make it one
   * query or one round trip. The default calls {@link #get} once per id.
   */
  default List<Optional<Job>> getAll(List<String> ids) {
    List<Optional<Job>> jobs = new ArrayList<>(ids.size());
    for (String id : ids) {
      jobs.add(get(id));
    }
    return jobs;
  }

  /** Jobs matching the query, ordered by id as the query asks, with a cursor for the next page. */
  JobPage list(JobQuery query);

  /** How many jobs are in each state; states with none may be absent. */
  Map<JobState, Long> countByState();

  /**
   * How many QUEUED jobs have a smaller id than {@code id}: the job's place in a FIFO queue, minus
   * one.
   */
  long countQueuedBefore(String id);

  /**
   * Claims several jobs for the leader holding {@code fencingToken}. For each claim in turn, it
   * atomically moves the job from QUEUED to SCHEDULED with its placement, if and only if it is still
   * QUEUED. Each claim is its own compare-and-set; a job that is unknown or no longer QUEUED (another
   * scheduler took it, a user cancelled it) is skipped, not an error, and does not stop the others.
   * When it returns, every claim it reports is durable.
   *
   * <p>A claim of a job in an array with a cap ({@link JobFlow#arrayMaxRunning()}) is skipped, in
   * the same atomic step, when that many jobs of its array are already SCHEDULED or RUNNING (those
   * claimed earlier in the same call included): two schedulers racing for one array never run more
   * than its cap.
   *
   * <p>A store that issues leases (see {@link LeaderLease}) refuses the claims, in the same atomic
   * step, when {@code fencingToken} is older than the newest token it issued. A token of 0 or less
   * means the caller holds no lease (one Berth process) and is not checked.
   *
   * <p>The scheduler starts a burst of jobs through this method, and claims through nothing else. A
   * store should make it one round trip or one transaction: one commit for the burst instead of
   * one per job is what lets the scheduler keep up with short jobs.
   *
   * @return the claimed jobs, in the order of {@code claims}
   */
  List<Job> claimAll(List<Claim> claims, Instant at, String actor, long fencingToken);

  /** {@link #claimAll} of one job, for tests and tools. */
  default Optional<Job> claim(String id, Placement placement, Instant at, String actor, long fencingToken) {
    return claimAll(List.of(new Claim(id, placement)), at, actor, fencingToken).stream().findFirst();
  }

  /** {@link #claim(String, Placement, Instant, String, long)} by a caller holding no lease. */
  default Optional<Job> claim(String id, Placement placement, Instant at, String actor) {
    return claim(id, placement, at, actor, 0);
  }

  /**
   * Atomically applies {@code transition} if the job's current state is one of {@code
   * expectedFrom} and the job model allows the move ({@link JobState#canTransitionTo}); appends the
   * matching event in the same atomic step.
   *
   * @return the updated job, or empty when the job is unknown, its state was not expected, or the
   *     move is not allowed; nothing is written then
   */
  Optional<Job> transition(String id, Set<JobState> expectedFrom, JobTransition transition);

  /**
   * Several {@link #transition}s in one call. Each request, in the order given, is its own
   * compare-and-set with its own event, exactly as {@link #transition} of it would be; one that
   * does not apply (unknown job, unexpected state, a move the model refuses) is skipped, not an
   * error, and does not stop the others. A later request sees what the earlier ones wrote, so a
   * job's RUNNING and its end may both be in one call, in that order. The requests of one call are
   * not one atomic unit: another writer may come between two of them, and a crash may leave the
   * first ones applied and not the rest. When it returns, every change it reports is durable.
   *
   * <p><b>Threads:</b> the reconciler applies the executor reports of one round through it, from
   * one thread; HTTP threads and other processes write the same jobs at the same time.
   *
   * <p><b>Speed:</b> the reconciler's write path: with many short jobs a store should make it one
   * transaction or one round trip, one commit for the batch instead of one per report, as {@link
   * #claimAll} is for claims. This default calls {@link #transition} once per request, which is
   * correct for every store and as fast as before.
   *
   * @return for each request, in the same order, the job after its change, or empty when that
   *     request wrote nothing
   */
  default List<Optional<Job>> transitionAll(List<TransitionRequest> requests) {
    List<Optional<Job>> after = new ArrayList<>(requests.size());
    for (TransitionRequest r : requests) {
      after.add(transition(r.jobId(), r.expectedFrom(), r.transition()));
    }
    return after;
  }

  /**
   * Atomically sets the job's time limit to {@code seconds} if its current state is one of {@code
   * expectedFrom}, and, when {@code onlyRaise} is true, the new limit is not below the stored one
   * (a stored limit of null, no limit, is never lowered). The job's state and every other field stay
   * as they are; no event is appended, since the state did not change (the host audits it).
   *
   * <p>Stores written before time limits existed do not implement it; the host then answers that
   * the limit cannot be changed. Every bundled store does, and {@code QueueStoreContract} checks it.
   *
   * @return the updated job, or empty when the job is unknown, not in an expected state, or the
   *     limit would be lowered against {@code onlyRaise}; nothing is written then
   */
  default Optional<Job> updateTimeLimit(String id, Set<JobState> expectedFrom, int seconds, boolean onlyRaise) {
    throw new UnsupportedOperationException("this store cannot change a job's time limit");
  }

  /**
   * Atomically sets the job's message to {@code message} if its current state is one of {@code
   * expectedFrom}: for a reason that changes while the state does not, such as why a SCHEDULED job's
   * pod still waits. The job's state and every other field stay as they are; no event is appended,
   * since the state did not change (the next transition's event carries its own message, and a
   * transition with a message replaces this one).
   *
   * <p>Stores written before it existed do not implement it; the host then shows no such reason.
   * Every bundled store does, and {@code QueueStoreContract} checks it.
   *
   * @return the updated job, or empty when the job is unknown, not in an expected state, or {@code
   *     message} is null; nothing is written then
   */
  default Optional<Job> updateMessage(String id, Set<JobState> expectedFrom, String message) {
    throw new UnsupportedOperationException("this store cannot change a job's message");
  }

  /**
   * Adds GPU time to the usage ledger. For each accrual, in one atomic step per accrual (or one for
   * all): it takes the instant up to which this job was already counted (its {@code from} when never,
   * or when that is before {@code from}: a retried job's next attempt counts from its own start), and
   * when {@code until} is later, adds {@code gpus × (until − counted)} GPU-seconds to the user's
   * raw usage and to the user's decayed usage, then records {@code until} as counted for the job. The
   * same accrual given twice, by two processes or after a restart, therefore adds once.
   *
   * <p>Decayed usage halves every {@code halfLife}: the store keeps, per user, the decayed value and
   * the instant it refers to; adding at a later instant first decays the value to it, adding at an
   * earlier instant decays the added amount instead.
   *
   * <p>The ledger is shared by every Berth process on the same storage and survives restarts. Stores
   * written before it existed do not implement it; fair share then sees no usage. Every bundled store
   * does, and {@code QueueStoreContract} checks it.
   */
  default void accrueUsage(List<UsageAccrual> accruals, Duration halfLife) {
    throw new UnsupportedOperationException("this store keeps no usage ledger");
  }

  /**
   * Every user's usage, the decayed part decayed to {@code at} with {@code halfLife}; users who
   * never accrued any are absent.
   */
  default List<UserUsage> usage(Instant at, Duration halfLife) {
    throw new UnsupportedOperationException("this store keeps no usage ledger");
  }

  /** The job's history, oldest first; empty for an unknown job. */
  List<JobEvent> events(String id);

  /** A settings section; version 0 with no values when it was never written. */
  VersionedSettings settings(String section);

  /**
   * Replaces a section's values if its stored version is still {@code expectedVersion}.
   *
   * @return the new section with version {@code expectedVersion + 1}, or empty when another writer
   *     got there first
   */
  Optional<VersionedSettings> putSettings(String section, Map<String, String> values, long expectedVersion);

  /**
   * Checks that the backing storage answers, for {@code /readyz}.
   *
   * @throws StoreUnavailableException when it does not
   */
  void checkHealth();
}
