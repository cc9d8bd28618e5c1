package dev.berth.api;

import java.util.Set;

/**
 * A page request over jobs, newest or oldest first.
 *
 * @param states only jobs in these states; empty means all
 * @param user only this user's jobs; null means everyone's
 * @param limit at most this many jobs, 1 to 1000
 * @param cursor the {@link JobPage#next()} of the previous page, or null for the first page
 * @param oldestFirst true lists in submission order (the queue view), false newest first (history)
 */
public record JobQuery(Set<JobState> states, String user, int limit, String cursor, boolean oldestFirst) {
  public JobQuery {
    states = Set.copyOf(states);
    if (limit < 1 || limit > 1000) {
      throw new IllegalArgumentException("limit must be 1..1000, was " + limit);
    }
  }

  /** QUEUED jobs in submission order, the window a {@link QueueOrder} ranks. */
  public static JobQuery queued(int limit) {
    return new JobQuery(Set.of(JobState.QUEUED), null, limit, null, true);
  }

  /**
   * QUEUED jobs submitted after job {@code id}, in submission order. Every store takes any job id
   * as a cursor, not only those it gave out on a page: the scheduler reads new arrivals this way.
   */
  public static JobQuery queuedAfter(String id, int limit) {
    return new JobQuery(Set.of(JobState.QUEUED), null, limit, id, true);
  }

  /** Jobs in the given states, oldest first. */
  public static JobQuery inStates(Set<JobState> states, int limit) {
    return new JobQuery(states, null, limit, null, true);
  }
}
