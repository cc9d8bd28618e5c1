package dev.berth.core.scheduler;

import dev.berth.api.Claim;
import dev.berth.api.Enqueued;
import dev.berth.api.Job;
import dev.berth.api.JobState;
import dev.berth.api.JobSubmission;
import dev.berth.api.JobTransition;
import dev.berth.api.QueueStore;
import dev.berth.api.TransitionRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The one way the core creates a job or changes its state: a write to the store (a compare-and-set
 * for every change of state), then the change is announced. Keeping both in one place means no
 * write goes unannounced.
 */
public final class StateWriter {
  private final QueueStore store;
  private final JobChanges changes;

  public StateWriter(QueueStore store, JobChanges changes) {
    this.store = store;
    this.changes = changes;
  }

  /** Queues a new job and announces it; the answer counts the jobs queued before it in the same write. */
  public Enqueued enqueue(JobSubmission submission, Instant at) {
    Enqueued queued = store.enqueueCounted(submission, at);
    changes.publish(new JobChange(queued.job(), null));
    return queued;
  }

  /** Queues several jobs (an array, a sweep) in one atomic store call and announces each. */
  public List<Job> enqueueAll(List<JobSubmission> submissions, Instant at) {
    List<Job> queued = store.enqueueAll(submissions, at);
    queued.forEach(j -> changes.publish(new JobChange(j, null)));
    return queued;
  }

  /** Claims queued jobs, in one store call, for the leader holding {@code fencingToken} (0 without a lease). */
  public List<Job> claimAll(List<Claim> claims, Instant at, long fencingToken) {
    if (claims.isEmpty()) {
      return List.of();
    }
    List<Job> claimed = store.claimAll(claims, at, "scheduler", fencingToken);
    claimed.forEach(j -> changes.publish(new JobChange(j, JobState.QUEUED)));
    return claimed;
  }

  /**
   * Sets the job's time limit if it is still in the state read (and, with {@code onlyRaise}, the
   * limit is not lowered): a compare-and-set in the store. Not a change of state, so nothing is
   * announced on the feed; the caller tells the executor.
   *
   * @throws UnsupportedOperationException from a store that cannot change limits
   */
  public Optional<Job> changeTimeLimit(Job known, int seconds, boolean onlyRaise) {
    return store.updateTimeLimit(known.id(), Set.of(known.state()), seconds, onlyRaise);
  }

  /**
   * Sets the job's message if it is still in the state read: a compare-and-set in the store, for a
   * reason that changes while the state does not (why a SCHEDULED job's run still waits). Announced
   * on the feed as a change from and to that state, so live pages show the new reason.
   *
   * @throws UnsupportedOperationException from a store that cannot change messages
   */
  public Optional<Job> changeMessage(Job known, String message) {
    Optional<Job> after = store.updateMessage(known.id(), Set.of(known.state()), message);
    after.ifPresent(j -> changes.publish(new JobChange(j, known.state())));
    return after;
  }

  /** One move of {@link #moveAll}: {@code transition} if the job is still in {@code known}'s state. */
  public record Move(Job known, JobTransition transition) {}

  /**
   * Several moves in one store call ({@link QueueStore#transitionAll}: one commit for all of them),
   * each a compare-and-set expecting exactly the state of its job as known, and announces each that
   * applied, in order. A move that finds its job moved is not retried here: it answers empty, and
   * the caller reads the job again if it still cares.
   */
  public List<Optional<Job>> moveAll(List<Move> moves) {
    List<TransitionRequest> requests = new ArrayList<>(moves.size());
    for (Move m : moves) {
      requests.add(new TransitionRequest(m.known().id(), Set.of(m.known().state()), m.transition()));
    }
    List<Optional<Job>> after = store.transitionAll(requests);
    for (int i = 0; i < after.size(); i++) {
      JobState was = moves.get(i).known().state();
      after.get(i).ifPresent(j -> changes.publish(new JobChange(j, was)));
    }
    return after;
  }

  /** Applies the transition if the job is in one of {@code from}; announces what it did. */
  public Optional<Job> move(String jobId, Set<JobState> from, JobTransition transition) {
    Optional<Job> before = store.get(jobId);
    if (before.isEmpty()) {
      return Optional.empty();
    }
    return move(before.get(), from, transition);
  }

  /**
   * {@link #move(String, Set, JobTransition)} for a caller that has just read the job: no second
   * read when the job is still as read. The compare-and-set expects exactly the state read, so the
   * announced "from" is the state the store really left; if the job moved meanwhile, it is read
   * again.
   */
  public Optional<Job> move(Job known, Set<JobState> from, JobTransition transition) {
    Job current = known;
    for (int attempt = 0; attempt < 3; attempt++) {
      if (!from.contains(current.state())) {
        return Optional.empty();
      }
      JobState was = current.state();
      Optional<Job> after = store.transition(current.id(), Set.of(was), transition);
      if (after.isPresent()) {
        changes.publish(new JobChange(after.get(), was));
        return after;
      }
      Optional<Job> reread = store.get(current.id());
      if (reread.isEmpty() || reread.get().state() == was) {
        return Optional.empty(); // gone, or the model refuses the move from this state
      }
      current = reread.get();
    }
    return Optional.empty();
  }
}
