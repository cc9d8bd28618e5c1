package dev.berth.core.scheduler;

import dev.berth.api.Job;
import dev.berth.api.JobPage;
import dev.berth.api.JobQuery;
import dev.berth.api.JobState;
import dev.berth.api.QueueStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * Every QUEUED job, grouped by user, each user's jobs in their own order: higher priority first,
 * then earlier submission. An order that scores ranks the whole queue from it (see {@link
 * RankedJobs}), so the leader keeps it in memory instead of reading a hundred thousand jobs a pass.
 *
 * <p>Why it stays right: job ids only grow, so a pass reads only the jobs queued after the newest it
 * knows. Jobs that leave the queue through this process (claims, cancels) arrive through the change
 * feed. One that leaves through another process (a cancel on another replica) stays until its claim
 * is refused or the count check finds the index larger than the store's queue; a full read follows
 * then, on a new fencing token, and at the latest every {@code fullReadEvery}.
 *
 * <p>Used by the scheduler thread only, except {@link #onChange}, which any thread may call.
 */
final class QueueIndex {
  /** A user's own order: priority, then submission. */
  static final Comparator<Job> USER_ORDER =
      Comparator.comparingInt(Job::priority).reversed().thenComparingLong(Job::sequence);

  private final QueueStore store;
  private final Clock clock;
  private final Supplier<Duration> countCheckEvery;
  private final Supplier<Duration> fullReadEvery;
  private final Map<String, NavigableSet<Job>> byUser = new HashMap<>();
  private final Map<String, Job> byId = new HashMap<>();
  private final Queue<String> left = new ConcurrentLinkedQueue<>();
  private String newest;
  private long newestSequence = -1;
  private Instant readAt;
  private Instant checkedAt;
  private long readWithToken = Long.MIN_VALUE;

  QueueIndex(QueueStore store, Clock clock, Supplier<Duration> countCheckEvery, Supplier<Duration> fullReadEvery) {
    this.store = store;
    this.clock = clock;
    this.countCheckEvery = countCheckEvery;
    this.fullReadEvery = fullReadEvery;
  }

  /** From the change feed: a job that left the queue here. Any thread. */
  void onChange(JobChange change) {
    if (change.from() == JobState.QUEUED && change.job().state() != JobState.QUEUED) {
      left.add(change.job().id());
    }
  }

  /** Brings the index up to date: a full read when due, else the departures and arrivals since. */
  void refresh(long fencingToken) {
    Instant now = clock.instant();
    boolean full = readAt == null || fencingToken != readWithToken || !now.isBefore(readAt.plus(fullReadEvery.get()));
    if (!full && !now.isBefore(checkedAt.plus(countCheckEvery.get()))) {
      checkedAt = now;
      // Counted before the arrivals are read, so only departures missed here can make it smaller.
      full = store.countByState().getOrDefault(JobState.QUEUED, 0L) < size() - pendingDepartures();
    }
    if (full) {
      readAll(now, fencingToken);
    }
    for (String id; (id = left.poll()) != null; ) {
      remove(id);
    }
    readArrivals();
  }

  private int pendingDepartures() {
    int n = 0;
    for (String id : left) {
      if (byId.containsKey(id)) {
        n++;
      }
    }
    return n;
  }

  private void readAll(Instant now, long fencingToken) {
    byUser.clear();
    byId.clear();
    newest = null;
    newestSequence = -1;
    String cursor = null;
    do {
      JobPage page = store.list(new JobQuery(Set.of(JobState.QUEUED), null, 1000, cursor, true));
      page.jobs().forEach(this::add);
      cursor = page.next();
    } while (cursor != null);
    readAt = now;
    checkedAt = now;
    readWithToken = fencingToken;
  }

  private void readArrivals() {
    String cursor = newest;
    while (true) {
      JobPage page = store.list(cursor == null ? JobQuery.queued(1000) : JobQuery.queuedAfter(cursor, 1000));
      page.jobs().forEach(this::add);
      if (page.next() == null) {
        return;
      }
      cursor = page.next();
    }
  }

  private void add(Job job) {
    if (job.state() != JobState.QUEUED || byId.containsKey(job.id())) {
      return;
    }
    byId.put(job.id(), job);
    byUser.computeIfAbsent(job.user() == null ? "" : job.user(), u -> new TreeSet<>(USER_ORDER)).add(job);
    if (job.sequence() > newestSequence) {
      newestSequence = job.sequence();
      newest = job.id();
    }
  }

  /** Drops a job that left the queue (claimed, cancelled, or found gone). */
  void remove(String id) {
    Job job = byId.remove(id);
    if (job == null) {
      return;
    }
    String user = job.user() == null ? "" : job.user();
    NavigableSet<Job> queue = byUser.get(user);
    queue.remove(job);
    if (queue.isEmpty()) {
      byUser.remove(user);
    }
  }

  /** Forces a full read on the next refresh: after an error left the index uncertain. */
  void invalidate() {
    readAt = null;
  }

  int size() {
    return byId.size();
  }

  /** Each user's queued jobs in the user's own order; do not change them while iterating. */
  Collection<NavigableSet<Job>> userQueues() {
    return byUser.values();
  }
}
