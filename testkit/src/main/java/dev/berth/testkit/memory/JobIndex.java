package dev.berth.testkit.memory;

import dev.berth.api.Job;
import dev.berth.api.JobPage;
import dev.berth.api.JobQuery;
import dev.berth.api.JobState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every job, sorted by sequence, and the same jobs indexed by state and by user and state, as the
 * Redis store's sorted sets are: a page, a claim or a count costs O(log n) plus what it returns,
 * never a scan of the whole store. Not thread-safe; {@link InMemoryStorage} holds its lock around
 * every call.
 */
final class JobIndex {
  private final NavigableMap<Long, Job> all = new TreeMap<>();
  private final Map<JobState, NavigableMap<Long, Job>> byState = new EnumMap<>(JobState.class);
  private final Map<String, Map<JobState, NavigableMap<Long, Job>>> byUser = new HashMap<>();
  private final QueuedPositions queued = new QueuedPositions();
  /** Each array's jobs by sequence, and how many of them are SCHEDULED or RUNNING. */
  private final Map<String, NavigableMap<Long, Job>> arrays = new HashMap<>();
  private final Map<String, Integer> activeInArray = new HashMap<>();

  JobIndex() {
    for (JobState state : JobState.values()) {
      byState.put(state, new TreeMap<>());
    }
  }

  /** Adds a new job; its sequence must be the next one. */
  void add(Job job) {
    all.put(job.sequence(), job);
    index(job);
    queued.append(job.sequence(), job.state() == JobState.QUEUED);
    String array = job.flow().arrayId();
    if (array != null) {
      arrays.computeIfAbsent(array, a -> new TreeMap<>()).put(job.sequence(), job);
      activeInArray.merge(array, job.state().isActive() ? 1 : 0, Integer::sum);
    }
  }

  /** Replaces a stored job by its changed self, moving it between the state indexes. */
  void replace(Job before, Job after) {
    long sequence = before.sequence();
    all.put(sequence, after);
    byState.get(before.state()).remove(sequence);
    ofUser(before.user()).get(before.state()).remove(sequence);
    index(after);
    String array = after.flow().arrayId();
    if (array != null) {
      arrays.get(array).put(sequence, after);
      int change = (after.state().isActive() ? 1 : 0) - (before.state().isActive() ? 1 : 0);
      activeInArray.merge(array, change, Integer::sum);
    }
    if (before.state() != after.state()) {
      if (before.state() == JobState.QUEUED) {
        queued.change(sequence, -1);
      } else if (after.state() == JobState.QUEUED) {
        queued.change(sequence, +1);
      }
    }
  }

  Job get(long sequence) {
    return all.get(sequence);
  }

  /** The jobs of an array by index (their sequence order); empty for an unknown array. */
  List<Job> array(String arrayId) {
    NavigableMap<Long, Job> jobs = arrays.get(arrayId);
    return jobs == null ? List.of() : List.copyOf(jobs.values());
  }

  /** How many of an array's jobs are SCHEDULED or RUNNING. */
  int activeInArray(String arrayId) {
    return activeInArray.getOrDefault(arrayId, 0);
  }

  long count(JobState state) {
    return byState.get(state).size();
  }

  long queuedBefore(long sequence) {
    return queued.before(sequence);
  }

  /** Keyset paging by sequence: the cursor is the sequence of the previous page's last job. */
  JobPage page(JobQuery query) {
    Long cursor = query.cursor() == null ? null : JobIds.cursor(query.cursor());
    int wanted = query.limit() + 1; // one more than asked tells whether another page follows
    List<Job> found = new ArrayList<>();
    for (NavigableMap<Long, Job> index : indexes(query.states(), query.user())) {
      Iterator<Job> it = from(index, cursor, query.oldestFirst()).values().iterator();
      for (int n = 0; n < wanted && it.hasNext(); n++) {
        found.add(it.next());
      }
    }
    Comparator<Job> bySequence = Comparator.comparingLong(Job::sequence);
    found.sort(query.oldestFirst() ? bySequence : bySequence.reversed());
    if (found.size() <= query.limit()) {
      return new JobPage(found, null);
    }
    List<Job> page = found.subList(0, query.limit());
    return new JobPage(page, page.get(page.size() - 1).id());
  }

  private static NavigableMap<Long, Job> from(NavigableMap<Long, Job> index, Long cursor, boolean ascending) {
    if (ascending) {
      return cursor == null ? index : index.tailMap(cursor, false);
    }
    return (cursor == null ? index : index.headMap(cursor, false)).descendingMap();
  }

  private List<NavigableMap<Long, Job>> indexes(Set<JobState> states, String user) {
    if (user == null && states.isEmpty()) {
      return List.of(all);
    }
    Map<JobState, NavigableMap<Long, Job>> source = user == null ? byState : byUser.getOrDefault(user, Map.of());
    List<NavigableMap<Long, Job>> out = new ArrayList<>();
    for (JobState state : states.isEmpty() ? Set.of(JobState.values()) : states) {
      NavigableMap<Long, Job> index = source.get(state);
      if (index != null) {
        out.add(index);
      }
    }
    return out;
  }

  private void index(Job job) {
    byState.get(job.state()).put(job.sequence(), job);
    ofUser(job.user()).get(job.state()).put(job.sequence(), job);
  }

  private Map<JobState, NavigableMap<Long, Job>> ofUser(String user) {
    return byUser.computeIfAbsent(user, u -> {
      Map<JobState, NavigableMap<Long, Job>> perState = new EnumMap<>(JobState.class);
      for (JobState state : JobState.values()) {
        perState.put(state, new TreeMap<>());
      }
      return perState;
    });
  }
}
