package dev.berth.core.scheduler;

import dev.berth.api.Job;
import dev.berth.api.JobScore;
import java.util.Comparator;

/**
 * One job in the {@link QueueIndex}, with what ordering it needs at hand: its sequence parsed once
 * (a job's {@link Job#sequence()} parses the id on every call, and comparing by it was a fifth of a
 * busy pass), and the {@link StandingRanking}'s memo of its score, so ranking needs no lookup by id.
 * Scheduler thread only.
 */
final class QueuedSlot {
  /** A user's own order: priority, then submission. */
  static final Comparator<QueuedSlot> USER_ORDER = (a, b) -> {
    int byPriority = Integer.compare(b.priority, a.priority);
    return byPriority != 0 ? byPriority : Long.compare(a.sequence, b.sequence);
  };

  final Job job;
  final String user;
  final int priority;
  final long sequence;
  /** The ranking's scores: the generation they were computed in, the score and its total. */
  long scoredIn = -1;
  JobScore score;
  double total;

  QueuedSlot(Job job) {
    this.job = job;
    this.user = job.user() == null ? "" : job.user();
    this.priority = job.priority();
    this.sequence = job.sequence();
  }
}
