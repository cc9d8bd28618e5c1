package dev.berth.core.scheduler;

import dev.berth.api.Job;
import dev.berth.api.QueueStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * The leader's view of the jobs that hold run slots and GPUs (SCHEDULED and RUNNING), so that a
 * scheduling pass need not reread thousands of them from the store.
 *
 * <p>Why it stays right: only the leader claims, so every job that becomes active here is one the
 * scheduler added itself. Ends committed in this process arrive through the change feed. An end
 * committed by another process (a cancel through another replica) is missed until the next full
 * read, which happens at least every {@code maxAge}, on a new fencing token, and on the first
 * pass. A missed end only makes the scheduler wait: the view can hold too many jobs, never too few.
 *
 * <p>Used by the scheduler thread only, except {@link #onChange}, which any thread may call.
 */
final class ActiveJobs {
  private final QueueStore store;
  private final Clock clock;
  private final Supplier<Duration> maxAge;
  private final Map<String, Job> jobs = new HashMap<>();
  private Reservations held = new Reservations();
  private final Queue<String> ended = new ConcurrentLinkedQueue<>();
  private final Queue<Job> updated = new ConcurrentLinkedQueue<>();
  private Instant readAt;
  private long readWithToken = Long.MIN_VALUE;

  ActiveJobs(QueueStore store, Clock clock, Supplier<Duration> maxAge) {
    this.store = store;
    this.clock = clock;
    this.maxAge = maxAge;
  }

  /**
   * From the change feed: a job that left SCHEDULED or RUNNING frees its slot; one that started
   * brings its start time, from which its end by its time limit is counted. Any thread.
   */
  void onChange(JobChange change) {
    if (!change.job().state().isActive() && change.from() != null && change.from().isActive()) {
      ended.add(change.job().id());
    } else if (change.job().state().isActive() && change.from() != null) {
      updated.add(change.job());
    }
  }

  /** Brings the view up to date: a full read when it is due, then the ends announced since. */
  void refresh(long fencingToken) {
    Instant now = clock.instant();
    if (readAt == null || fencingToken != readWithToken || !now.isBefore(readAt.plus(maxAge.get()))) {
      // Ends announced before the read are in the read; those after it are drained below.
      Map<String, Job> read = new HashMap<>();
      ActiveJobPages.forEach(store, j -> read.put(j.id(), j));
      jobs.clear();
      jobs.putAll(read);
      held = Reservations.of(jobs.values());
      readAt = now;
      readWithToken = fencingToken;
    }
    for (Job job; (job = updated.poll()) != null; ) {
      jobs.replace(job.id(), job); // a job that already ended, or is not known here, stays out
    }
    for (String id; (id = ended.poll()) != null; ) {
      Job gone = jobs.remove(id);
      if (gone != null && gone.placement() != null) {
        held.release(gone.id(), gone.placement());
      }
    }
  }

  /** Forces a full read on the next {@link #refresh}: after an error left the view uncertain. */
  void invalidate() {
    readAt = null;
  }

  void add(Job claimed) {
    jobs.put(claimed.id(), claimed);
    if (claimed.placement() != null) {
      held.reserve(claimed.id(), claimed.placement());
    }
  }

  int size() {
    return jobs.size();
  }

  /** The active jobs as last known; the scheduler thread's own view, not a copy. */
  java.util.Collection<Job> jobs() {
    return jobs.values();
  }

  /** A layer over the GPUs the active jobs hold, for one pass to reserve in. */
  Reservations reservationsForAPass() {
    return held.layer();
  }
}
