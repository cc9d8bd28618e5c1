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
    double wait = Duration.between(job.submittedAt(), context.now()).toMillis();
    return JobScore.of(List.of(
        new ScoreFactor("fairshare", context.fairShare().factor(job.user()), 10_000),
        new ScoreFactor("age", Math.min(wait / Duration.ofHours(168).toMillis(), 1), 1_000)));
  }
}
