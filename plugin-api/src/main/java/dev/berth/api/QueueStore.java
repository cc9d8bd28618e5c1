package dev.berth.api;

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
 * <p><b>Durability:</b> when {@link #enqueue} or {@link #transition} returns, the change must
 * survive a {@code kill -9} of the Berth process.
 *
 * <p><b>Failures:</b> when the backing storage is unreachable, throw {@link
 * StoreUnavailableException}; never return "not found" for "could not ask".
 *
 * <p>A store may implement {@link AutoCloseable}; the host closes it at shutdown. Every store passes
 * the {@code QueueStoreContract} suite of {@code berth-testkit}.
 */
public interface QueueStore extends ExtensionPoint {

  /**
   * Adds a QUEUED job with a new id greater than every id given before, and records the submission
   * as the job's first event.
   */
  Job enqueue(JobSubmission submission, Instant at);

  /**
   * {@link #enqueue}, also answering how many QUEUED jobs were ahead of the new one when it was
   * added: the submit answer's place in the queue. A store that can count in the same atomic step
   * (or round trip) should override this; every submission goes through it. The default enqueues,
   * then counts with {@link #countQueuedBefore}, so jobs that start meanwhile are not counted.
   */
  default Enqueued enqueueCounted(JobSubmission submission, Instant at) {
    Job job = enqueue(submission, at);
    return new Enqueued(job, countQueuedBefore(job.id()));
  }

  Optional<Job> get(String id);

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
   * Atomically moves job {@code id} from QUEUED to SCHEDULED with its placement, if and only if it
   * is still QUEUED.
   *
   * @return the claimed job, or empty when the job is unknown or no longer QUEUED (another
   *     scheduler took it, or a user cancelled it)
   */
  Optional<Job> claim(String id, Placement placement, Instant at, String actor);

  /**
   * {@link #claim} by a leader holding a {@link Lease}: a store that issues leases (see {@link
   * LeaderLease}) refuses the claim, returning empty, when {@code fencingToken} is older than the
   * newest token it issued, in the same atomic step. The default ignores the token, which is right
   * for a store that only one process uses.
   */
  default Optional<Job> claim(String id, Placement placement, Instant at, String actor, long fencingToken) {
    return claim(id, placement, at, actor);
  }

  /**
   * Claims several jobs for the leader holding {@code fencingToken}: for each claim in turn, exactly
   * what {@link #claim(String, Placement, Instant, String, long)} does. Each claim is its own
   * compare-and-set; a job that is unknown or no longer QUEUED is skipped, not an error, and does
   * not stop the others. When it returns, every claim it reports is durable.
   *
   * <p>The scheduler starts a burst of jobs through this method. A store should make it one round
   * trip or one transaction: one commit for the burst instead of one per job is what lets the
   * scheduler keep up with short jobs. The default claims one by one.
   *
   * @return the claimed jobs, in the order of {@code claims}
   */
  default List<Job> claimAll(List<Claim> claims, Instant at, String actor, long fencingToken) {
    List<Job> claimed = new ArrayList<>(claims.size());
    for (Claim c : claims) {
      claim(c.jobId(), c.placement(), at, actor, fencingToken).ifPresent(claimed::add);
    }
    return claimed;
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

  /** The job's history, oldest first; empty for an unknown job. */
  List<JobEvent> events(String id);

  /** A settings section; version 0 with no values when it was never written. */
  VersionedSettings settings(String section);

  /** Every settings section ever written. */
  List<VersionedSettings> allSettings();

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
