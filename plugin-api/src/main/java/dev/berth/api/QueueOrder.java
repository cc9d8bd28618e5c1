package dev.berth.api;

import java.util.List;
import org.pf4j.ExtensionPoint;

/**
 * Ranks the queued jobs: the scheduler tries them in the returned order and starts the first that
 * fits (and, to keep the order honest, stops at the first that does not).
 *
 * <p><b>Combination:</b> exactly one order is active, chosen by {@code extensions.order}.
 *
 * <p><b>Threads:</b> called on the scheduler thread for each pass, and on request threads to compute
 * queue positions; keep no mutable state.
 *
 * <p><b>Speed:</b> pure computation; called with up to a few thousand jobs, it must answer in about
 * a millisecond.
 *
 * <p>Every order passes the {@code QueueOrderContract} suite of {@code berth-testkit}.
 */
public interface QueueOrder extends ExtensionPoint {

  /**
   * Returns {@code queued} in the order they should start. The input holds QUEUED jobs in
   * submission order; the result must hold exactly the same jobs.
   */
  List<Job> order(List<Job> queued);

  /**
   * Whether {@link #order} always returns its input unchanged (first come, first served). The
   * scheduler then reads only as many queued jobs as it has free run slots, plus one, instead of a
   * window of hundreds to rank: the difference is most of the idle time between two short jobs. The
   * default, false, is right for any order that ranks.
   */
  default boolean keepsSubmissionOrder() {
    return false;
  }
}
