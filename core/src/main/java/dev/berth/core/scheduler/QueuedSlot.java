package dev.berth.core.scheduler;

import dev.berth.api.Job;
import dev.berth.api.JobScore;
import java.util.Comparator;

/**
 * One job in the {@link QueueIndex}, with what ordering it needs at hand: its sequence parsed once
 * (a job's {@link Job#sequence()} parses the id on every call, and comparing by it was a fifth of a
 * busy pass), the index's one string for its user, links to its neighbours in the user's order, and
 * the {@link StandingRanking}'s memo of its score, so ranking walks from job to job without a lookup
 * by id or user and without a tree search: with 100,000 jobs those touch memory no cache holds.
 * Scheduler thread only.
 */
final class QueuedSlot {
  /** A user's own order: priority, then submission. */
  static final Comparator<QueuedSlot> USER_ORDER = (a, b) -> {
    int byPriority = Integer.compare(b.priority, a.priority);
    return byPriority != 0 ? byPriority : Long.compare(a.sequence, b.sequence);
  };

  final Job job;
  /** The user, as the index's one string for them: ranking reads it for every job it walks. */
  final String user;
  final int priority;
  final long sequence;
  /** The jobs before and after this one in its user's queue: the next one without a tree search. */
  QueuedSlot previous;
  QueuedSlot next;
  /** The ranking's scores: the generation they were computed in, the score and its total. */
  long scoredIn = -1;
  JobScore score;
  double total;

  QueuedSlot(Job job, String user) {
    this.job = job;
    this.user = user;
    this.priority = job.priority();
    this.sequence = job.sequence();
  }
}
