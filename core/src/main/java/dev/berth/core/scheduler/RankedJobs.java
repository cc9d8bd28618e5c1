package dev.berth.core.scheduler;

import dev.berth.api.Job;
import dev.berth.api.JobScore;
import dev.berth.api.OrderContext;
import dev.berth.api.QueueOrder;
import java.util.Collection;
import java.util.Iterator;
import java.util.NavigableSet;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * The whole queue in the order an order that scores gives it, produced lazily: each user's queue
 * is kept in the user's own order, and the next job is always the best-scoring of the users' first
 * jobs. Building it scores one job per user; each job taken scores one more. Ties go to the earlier
 * submission.
 */
final class RankedJobs implements Iterator<RankedJobs.Ranked> {
  /** A job with the score it ranked by. */
  record Ranked(Job job, JobScore score) {}

  private record Head(Ranked ranked, long sequence, Iterator<Job> rest) {}

  private final QueueOrder order;
  private final OrderContext context;
  private final PriorityQueue<Head> heads;

  RankedJobs(Collection<NavigableSet<Job>> userQueues, QueueOrder order, OrderContext context) {
    this.order = order;
    this.context = context;
    this.heads = new PriorityQueue<>(Math.max(1, userQueues.size()), (a, b) -> {
      int byScore = Double.compare(b.ranked.score().total(), a.ranked.score().total());
      return byScore != 0 ? byScore : Long.compare(a.sequence, b.sequence);
    });
    for (NavigableSet<Job> queue : userQueues) {
      push(queue.iterator());
    }
  }

  private void push(Iterator<Job> rest) {
    if (rest.hasNext()) {
      Job job = rest.next();
      heads.add(new Head(new Ranked(job, score(job)), job.sequence(), rest));
    }
  }

  private JobScore score(Job job) {
    JobScore s;
    try {
      s = order.score(job, context);
    } catch (RuntimeException e) {
      s = null; // a broken order ranks its job last rather than stopping the queue
    }
    return s == null || Double.isNaN(s.total()) ? new JobScore(Double.NEGATIVE_INFINITY, java.util.List.of()) : s;
  }

  @Override
  public boolean hasNext() {
    return !heads.isEmpty();
  }

  @Override
  public Ranked next() {
    Head head = heads.poll();
    if (head == null) {
      throw new NoSuchElementException();
    }
    push(head.rest);
    return head.ranked;
  }
}
