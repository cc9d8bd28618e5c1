package dev.berth.core.scheduler;

import dev.berth.api.Job;
import dev.berth.api.JobState;
import dev.berth.api.JobTransition;
import dev.berth.api.Placement;
import dev.berth.api.QueueStore;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The one way the core changes a job's state: a compare-and-set in the store, then the change is
 * announced. Keeping both in one place means no write goes unannounced.
 */
public final class StateWriter {
  private final QueueStore store;
  private final JobChanges changes;

  public StateWriter(QueueStore store, JobChanges changes) {
    this.store = store;
    this.changes = changes;
  }

  /** Claims a queued job for the leader holding {@code fencingToken} (0 without a lease). */
  public Optional<Job> claim(Job job, Placement placement, Instant at, long fencingToken) {
    Optional<Job> claimed = store.claim(job.id(), placement, at, "scheduler", fencingToken);
    claimed.ifPresent(j -> changes.publish(new JobChange(j, JobState.QUEUED)));
    return claimed;
  }

  /** Applies the transition if the job is in one of {@code from}; announces what it did. */
  public Optional<Job> move(String jobId, Set<JobState> from, JobTransition transition) {
    Optional<Job> before = store.get(jobId);
    if (before.isEmpty() || !from.contains(before.get().state())) {
      return Optional.empty();
    }
    Optional<Job> after = store.transition(jobId, from, transition);
    after.ifPresent(j -> changes.publish(new JobChange(j, before.get().state())));
    return after;
  }
}
