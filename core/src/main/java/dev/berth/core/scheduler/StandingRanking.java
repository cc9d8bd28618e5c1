package dev.berth.core.scheduler;

import dev.berth.api.FairShareSnapshot;
import dev.berth.api.Job;
import dev.berth.api.JobScore;
import dev.berth.api.OrderContext;
import dev.berth.api.QueueOrder;
import dev.berth.api.Settings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.PriorityQueue;
import java.util.TreeSet;

/**
 * The whole queue in the order an order that scores gives it, kept from pass to pass. Each user's
 * queue stays in the user's own order, and the next job is always the best-scoring of the users'
 * first jobs; ties go to the earlier submission.
 *
 * <p>Scores are computed against one {@link OrderContext}: the fair-share snapshot and the instant
 * it was taken. They are kept until the snapshot is replaced (every probe interval, and within a
 * second of a job's end: see {@link UsageAccountant}) or the {@code fairshare} settings change,
 * as Slurm keeps its multifactor priorities for a {@code PriorityCalcPeriod}. Between, a pass
 * scores only the first jobs of users whose queue changed and the jobs it plans that it has not
 * scored before, instead of every user's first job: with a thousand users, that ranking was half
 * of a busy scheduler's time. The cost is an age term up to one probe interval old, a few
 * thousandths of a point with the default weights.
 *
 * <p>Scheduler thread only, like the {@link QueueIndex} it reads.
 */
final class StandingRanking {
  /** Remembered scores of jobs that left the queue, beyond which the next pass starts afresh. */
  private static final int SPARE_SCORES = 10_000;

  private record Scored(Job job, JobScore score, double total) {}

  private static final Comparator<Scored> BEST_FIRST = (a, b) -> {
    int byScore = Double.compare(b.total, a.total);
    return byScore != 0 ? byScore : Long.compare(a.job.sequence(), b.job.sequence());
  };

  private final QueueIndex index;
  private final QueueOrder order;
  private OrderContext context;
  private long seenFullReads = -1;
  /** By job id, for the version of the job that was scored. */
  private final Map<String, Scored> scores = new HashMap<>();
  /** Each user's first job; one per user, so no two share a sequence. */
  private final TreeSet<Scored> heads = new TreeSet<>(BEST_FIRST);
  private final Map<String, Scored> headOf = new HashMap<>();

  StandingRanking(QueueIndex index, QueueOrder order) {
    this.index = index;
    this.order = order;
  }

  /**
   * The first {@code howMany} queued jobs, best first, with their scores. Call after the index is
   * refreshed and before it changes again; the list is the caller's.
   */
  List<QueuePlan.Entry> first(int howMany, Instant now, FairShareSnapshot fairShare, Settings fairshareSettings) {
    if (context == null || context.fairShare() != fairShare || !context.fairshareSettings().equals(fairshareSettings)
        || seenFullReads != index.fullReads() || scores.size() > index.size() + SPARE_SCORES) {
      rescoreAll(new OrderContext(now, fairShare, fairshareSettings));
    } else {
      for (String user : index.takeTouchedUsers()) {
        placeHeadOf(user);
      }
    }
    return merged(howMany);
  }

  private void rescoreAll(OrderContext newContext) {
    context = newContext;
    seenFullReads = index.fullReads();
    scores.clear();
    heads.clear();
    headOf.clear();
    index.takeTouchedUsers();
    for (NavigableSet<Job> queue : index.userQueues()) {
      Scored head = scored(queue.first());
      heads.add(head);
      headOf.put(user(head.job()), head);
    }
  }

  private void placeHeadOf(String user) {
    Scored old = headOf.remove(user);
    if (old != null) {
      heads.remove(old);
    }
    NavigableSet<Job> queue = index.queueOf(user);
    if (queue != null) {
      Scored head = scored(queue.first());
      heads.add(head);
      headOf.put(user, head);
    }
  }

  /**
   * The users' queues merged by their first jobs, as far as asked: the heads in rank order, and
   * beside them the next job of each user already taken, so each user stands once among the
   * candidates, as a one-heap merge would have them.
   */
  private List<QueuePlan.Entry> merged(int howMany) {
    List<QueuePlan.Entry> out = new ArrayList<>(Math.min(howMany, index.size()));
    Iterator<Scored> byRank = heads.iterator();
    Scored nextHead = byRank.hasNext() ? byRank.next() : null;
    PriorityQueue<Scored> followers = new PriorityQueue<>(BEST_FIRST);
    while (out.size() < howMany) {
      Scored best;
      if (nextHead != null && (followers.isEmpty() || BEST_FIRST.compare(nextHead, followers.peek()) < 0)) {
        best = nextHead;
        nextHead = byRank.hasNext() ? byRank.next() : null;
      } else if (!followers.isEmpty()) {
        best = followers.poll();
      } else {
        break;
      }
      out.add(new QueuePlan.Entry(best.job(), best.score()));
      Job after = index.queueOf(user(best.job())).higher(best.job());
      if (after != null) {
        followers.add(scored(after));
      }
    }
    return out;
  }

  private Scored scored(Job job) {
    Scored s = scores.get(job.id());
    if (s == null || s.job() != job) {
      JobScore score = score(job);
      s = new Scored(job, score, score.total());
      scores.put(job.id(), s);
    }
    return s;
  }

  private JobScore score(Job job) {
    JobScore s;
    try {
      s = order.score(job, context);
    } catch (RuntimeException e) {
      s = null; // a broken order ranks its job last rather than stopping the queue
    }
    return s == null || Double.isNaN(s.total()) ? new JobScore(Double.NEGATIVE_INFINITY, List.of()) : s;
  }

  private static String user(Job job) {
    return job.user() == null ? "" : job.user();
  }
}
