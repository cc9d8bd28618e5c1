package dev.berth.core.scheduler;

import dev.berth.api.Job;
import dev.berth.api.JobScore;
import dev.berth.api.OrderContext;
import dev.berth.api.QueueOrder;
import dev.berth.api.ScoreFactor;
import java.time.Duration;
import java.util.List;

/**
 * Fair share and age, as the order-multifactor plugin weighs them with its default weights (the
 * core's tests cannot load that plugin): 10,000 · F + 1,000 · min(wait ÷ 168 h, 1).
 */
final class FairShareOrder implements QueueOrder {
  private final Duration maxAge;
  private final double priorityWeight;

  FairShareOrder() {
    this(Duration.ofHours(168), 0);
  }

  /** With a priority term as the plugin has, and another maximum age: a short one lets a user's later job outscore an earlier one. */
  FairShareOrder(Duration maxAge, double priorityWeight) {
    this.maxAge = maxAge;
    this.priorityWeight = priorityWeight;
  }

  @Override
  public List<Job> order(List<Job> queued) {
    return queued;
  }

  @Override
  public boolean scoresJobs() {
    return true;
  }

  @Override
  public JobScore score(Job job, OrderContext context) {
    double wait = Math.max(0, Duration.between(job.submittedAt(), context.now()).toMillis());
    ScoreFactor fairShare = new ScoreFactor("fairshare", context.fairShare().factor(job.user()), 10_000);
    ScoreFactor age = new ScoreFactor("age", Math.min(wait / maxAge.toMillis(), 1), 1_000);
    return JobScore.of(priorityWeight == 0 ? List.of(fairShare, age)
        : List.of(fairShare, age, new ScoreFactor("priority", (job.priority() + 1000) / 2000d, priorityWeight)));
  }
}
