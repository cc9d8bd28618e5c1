package dev.berth.order.fifo;

import dev.berth.api.Job;
import dev.berth.api.PluginContext;
import dev.berth.api.QueueOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.pf4j.Extension;

/**
 * First in, first out: queued jobs start in the order they were submitted, by ascending numeric
 * job id ({@link Job#sequence()}), which the store hands out in increasing order. Priority, user
 * and GPU count play no part. The sort is stable and the input is left untouched.
 *
 * <p>Ids are compared as numbers, not text, so job 10 follows job 9. The plugin reads no
 * configuration and no settings.
 */
@Extension
public final class FifoOrder implements QueueOrder {

  private static final Comparator<Job> BY_SEQUENCE = Comparator.comparingLong(Job::sequence);

  public FifoOrder(PluginContext context) {
    // Nothing to configure: the order is fully defined by the job ids.
  }

  @Override
  public List<Job> order(List<Job> queued) {
    List<Job> ordered = new ArrayList<>(queued);
    ordered.sort(BY_SEQUENCE);
    return List.copyOf(ordered);
  }

  @Override
  public boolean keepsSubmissionOrder() {
    return true;
  }
}
