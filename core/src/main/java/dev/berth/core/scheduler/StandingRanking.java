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
  private static final Comparator<QueuedSlot> BEST_FIRST = (a, b) -> {
    int byScore = Double.compare(b.total, a.total);
    return byScore != 0 ? byScore : Long.compare(a.sequence, b.sequence);
  };

  private final QueueIndex index;
  private final QueueOrder order;
  private OrderContext context;
  /** Scores computed under another context are stale: the slots remember which one they had. */
  private long generation;
  private long seenFullReads = -1;
  /** Each user's first job, scored; one per user, so no two share a sequence. */
  private final TreeSet<QueuedSlot> heads = new TreeSet<>(BEST_FIRST);
  private final Map<String, QueuedSlot> headOf = new HashMap<>();

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
        || seenFullReads != index.fullReads()) {
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
    generation++;
    seenFullReads = index.fullReads();
    heads.clear();
    headOf.clear();
    index.takeTouchedUsers();
    for (NavigableSet<QueuedSlot> queue : index.userQueues()) {
      QueuedSlot head = scored(queue.first());
      heads.add(head);
      headOf.put(head.user, head);
    }
  }

  private void placeHeadOf(String user) {
    QueuedSlot old = headOf.remove(user);
    if (old != null) {
      heads.remove(old);
    }
    NavigableSet<QueuedSlot> queue = index.queueOf(user);
    if (queue != null) {
      QueuedSlot head = scored(queue.first());
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
    Iterator<QueuedSlot> byRank = heads.iterator();
    QueuedSlot nextHead = byRank.hasNext() ? byRank.next() : null;
    PriorityQueue<QueuedSlot> followers = new PriorityQueue<>(BEST_FIRST);
    while (out.size() < howMany) {
      QueuedSlot best;
      if (nextHead != null && (followers.isEmpty() || BEST_FIRST.compare(nextHead, followers.peek()) < 0)) {
        best = nextHead;
        nextHead = byRank.hasNext() ? byRank.next() : null;
      } else if (!followers.isEmpty()) {
        best = followers.poll();
      } else {
        break;
      }
      out.add(new QueuePlan.Entry(best.job, best.score));
      QueuedSlot after = best.next;
      if (after != null) {
        followers.add(scored(after));
      }
    }
    return out;
  }

  private QueuedSlot scored(QueuedSlot slot) {
    if (slot.scoredIn != generation) {
      JobScore score = score(slot.job);
      slot.score = score;
      slot.total = score.total();
      slot.scoredIn = generation;
    }
    return slot;
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
}
