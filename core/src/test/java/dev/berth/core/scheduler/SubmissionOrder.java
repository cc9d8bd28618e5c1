package dev.berth.core.scheduler;

import dev.berth.api.Job;
import dev.berth.api.QueueOrder;
import java.util.Comparator;
import java.util.List;

/**
 * First come, first served, as the order-fifo plugin does it (the core's tests cannot load that
 * plugin): by ascending job sequence, with the fast path that reads only as many jobs as can start.
 */
final class SubmissionOrder implements QueueOrder {
  @Override
  public List<Job> order(List<Job> queued) {
    return queued.stream().sorted(Comparator.comparingLong(Job::sequence)).toList();
  }

  @Override
  public boolean keepsSubmissionOrder() {
    return true;
  }
}
