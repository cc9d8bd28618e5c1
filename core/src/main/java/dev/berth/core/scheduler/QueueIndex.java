package dev.berth.core.scheduler;

import dev.berth.api.Job;
import dev.berth.api.JobPage;
import dev.berth.api.JobQuery;
import dev.berth.api.JobState;
import dev.berth.api.QueueStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;
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
 * StandingRanking}), so the leader keeps it in memory instead of reading a hundred thousand jobs a pass.
 *
 * <p>Why it stays right: job ids only grow, so a pass reads only the jobs queued after the newest it
 * knows. Jobs that leave the queue through this process (claims, cancels), and jobs that come back
 * to it with their old id (a release from HELD, a retry), arrive through the change feed, in order.
 * One that leaves or comes back through another process (a cancel or release on another replica)
 * is caught by the count check, which finds the index larger or smaller than the store's queue; a
 * full read follows then, on a new fencing token, and at the latest every {@code fullReadEvery}.
 *
 * <p>Used by the scheduler thread only, except {@link #onChange}, which any thread may call.
 */
final class QueueIndex {
  private final QueueStore store;
  private final Clock clock;
  private final Supplier<Duration> countCheckEvery;
  private final Supplier<Duration> fullReadEvery;
  private final Map<String, NavigableSet<QueuedSlot>> byUser = new HashMap<>();
  private final Map<String, QueuedSlot> byId = new HashMap<>();
  /** The same jobs in submission order, and each array's queued elements: for first come, first served with flows. */
  private final java.util.NavigableMap<Long, Job> bySequence = new java.util.TreeMap<>();
  private final Map<String, java.util.NavigableSet<Long>> arrayMembers = new HashMap<>();
  /** How many queued jobs a flow may hold back: with a dependency, or in a capped array. */
  private int gated;
  /** Departures (a job id with no job) and returns (the job), in the order they happened. */
  private final Queue<Moved> moves = new ConcurrentLinkedQueue<>();
  private String newest;
  private long newestSequence = -1;
  private Instant readAt;
  private Instant checkedAt;
  private long readWithToken = Long.MIN_VALUE;
  /** Full reads so far: after one, any ranking kept beside the index starts again. */
  private long fullReads;
  /** Users whose queue gained or lost a job since {@link #takeTouchedUsers}: their first job may differ. */
  private Set<String> touched = new java.util.HashSet<>();

  QueueIndex(QueueStore store, Clock clock, Supplier<Duration> countCheckEvery, Supplier<Duration> fullReadEvery) {
    this.store = store;
    this.clock = clock;
    this.countCheckEvery = countCheckEvery;
    this.fullReadEvery = fullReadEvery;
  }

  private record Moved(String id, Job returned) {}

  /** From the change feed: a job that left the queue here, or came back to it. Any thread. */
  void onChange(JobChange change) {
    if (change.from() == JobState.QUEUED && change.job().state() != JobState.QUEUED) {
      moves.add(new Moved(change.job().id(), null));
    } else if (change.from() != null && change.from() != JobState.QUEUED && change.job().state() == JobState.QUEUED) {
      moves.add(new Moved(change.job().id(), change.job()));
    }
  }

  /** Brings the index up to date: a full read when due, else the departures and arrivals since. */
  void refresh(long fencingToken) {
    Instant now = clock.instant();
    boolean full = readAt == null || fencingToken != readWithToken || !now.isBefore(readAt.plus(fullReadEvery.get()));
    long counted = -1;
    if (!full && !now.isBefore(checkedAt.plus(countCheckEvery.get()))) {
      checkedAt = now;
      // Counted before the moves and arrivals are applied: only what another process did, or what
      // this one does meanwhile, can make the two differ.
      counted = store.countByState().getOrDefault(JobState.QUEUED, 0L);
    }
    if (full) {
      readAll(now, fencingToken);
    }
    int departed = 0;
    int returned = 0;
    for (Moved m; (m = moves.poll()) != null; ) {
      if (m.returned() == null) {
        departed += byId.containsKey(m.id()) ? 1 : 0;
        remove(m.id());
      } else {
        returned++;
        remove(m.id());
        add(m.returned());
      }
    }
    long beforeArrivals = size();
    readArrivals();
    // Larger than the store's queue (unread arrivals only make the count larger): a job left
    // through another process. Smaller once every arrival is read: one came back through another
    // process. Each side allows for what happened here meanwhile.
    if (counted >= 0 && (beforeArrivals > counted + returned || size() < counted - departed)) {
      readAll(now, fencingToken);
    }
  }

  private void readAll(Instant now, long fencingToken) {
    byUser.clear();
    byId.clear();
    bySequence.clear();
    arrayMembers.clear();
    touched.clear();
    gated = 0;
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
    fullReads++;
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
    // A job back from HELD or a retry keeps its id: ordered by it, it is newer than nothing it was.
    String user = job.user() == null ? "" : job.user();
    NavigableSet<QueuedSlot> queue = byUser.get(user);
    if (queue == null) {
      queue = new TreeSet<>(QueuedSlot.USER_ORDER);
      byUser.put(user, queue);
    } else {
      user = queue.first().user; // one string per user, however many jobs were read with their own
    }
    QueuedSlot slot = new QueuedSlot(job, user);
    byId.put(job.id(), slot);
    queue.add(slot);
    slot.previous = queue.lower(slot);
    slot.next = queue.higher(slot);
    if (slot.previous != null) {
      slot.previous.next = slot;
    }
    if (slot.next != null) {
      slot.next.previous = slot;
    }
    touched.add(slot.user);
    bySequence.put(slot.sequence, job);
    if (job.flow().arrayId() != null) {
      arrayMembers.computeIfAbsent(job.flow().arrayId(), a -> new TreeSet<>()).add(slot.sequence);
    }
    if (isGated(job)) {
      gated++;
    }
    if (slot.sequence > newestSequence) {
      newestSequence = slot.sequence;
      newest = job.id();
    }
  }

  /** Drops a job that left the queue (claimed, cancelled, or found gone). */
  void remove(String id) {
    QueuedSlot slot = byId.remove(id);
    if (slot == null) {
      return;
    }
    Job job = slot.job;
    NavigableSet<QueuedSlot> queue = byUser.get(slot.user);
    queue.remove(slot);
    if (slot.previous != null) {
      slot.previous.next = slot.next;
    }
    if (slot.next != null) {
      slot.next.previous = slot.previous;
    }
    if (queue.isEmpty()) {
      byUser.remove(slot.user);
    }
    touched.add(slot.user);
    bySequence.remove(slot.sequence);
    String array = job.flow().arrayId();
    if (array != null) {
      NavigableSet<Long> members = arrayMembers.get(array);
      members.remove(slot.sequence);
      if (members.isEmpty()) {
        arrayMembers.remove(array);
      }
    }
    if (isGated(job)) {
      gated--;
    }
  }

  private static boolean isGated(Job job) {
    return !job.flow().dependsOn().isEmpty() || job.flow().arrayMaxRunning() != null;
  }

  /** Whether any queued job may be held back by a flow (a dependency, an array's cap). */
  boolean anyGated() {
    return gated > 0;
  }

  /** The first {@code n} queued jobs in submission order. */
  List<Job> firstInSubmissionOrder(int n) {
    List<Job> out = new ArrayList<>(Math.min(n, bySequence.size()));
    for (Job j : bySequence.values()) {
      if (out.size() >= n) {
        break;
      }
      out.add(j);
    }
    return out;
  }

  /**
   * Every queued job in submission order, except that once {@code arrayFull} says an array can take
   * no more this pass, the rest of its elements are jumped over in one step: an array's elements
   * have consecutive ids, so a thousand-element array at its cap costs one lookup, not a thousand.
   * Read it before changing the index.
   */
  Iterable<Job> inSubmissionOrder(Predicate<String> arrayFull) {
    return () -> new Iterator<>() {
      private Map.Entry<Long, Job> next = bySequence.firstEntry();

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public Job next() {
        if (next == null) {
          throw new java.util.NoSuchElementException();
        }
        Job job = next.getValue();
        String array = job.flow().arrayId();
        long after = array != null && arrayFull.test(array) ? arrayMembers.get(array).last() : job.sequence();
        next = bySequence.higherEntry(Math.max(after, job.sequence()));
        return job;
      }
    };
  }

  /** Forces a full read on the next refresh: after an error left the index uncertain. */
  void invalidate() {
    readAt = null;
  }

  int size() {
    return byId.size();
  }

  /** Each user's queued jobs in the user's own order; do not change them while iterating. */
  Collection<NavigableSet<QueuedSlot>> userQueues() {
    return byUser.values();
  }

  /** The user's queued jobs in the user's own order, or null when none is queued; do not change it. */
  NavigableSet<QueuedSlot> queueOf(String user) {
    return byUser.get(user);
  }

  /** How many full reads the index has made: a change means every user's queue may be another. */
  long fullReads() {
    return fullReads;
  }

  /** The users whose queue changed since the last call (after a full read, perhaps all), and forgets them. */
  Set<String> takeTouchedUsers() {
    Set<String> out = touched;
    touched = new java.util.HashSet<>();
    return out;
  }
}
