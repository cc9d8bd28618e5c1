package dev.berth.api;

import java.util.List;
import org.pf4j.ExtensionPoint;

/**
 * Ranks the queued jobs: the scheduler tries them in the returned order and starts the first that
 * fits (and, to keep the order honest, stops at the first that does not, unless backfill lets a
 * later job use GPUs without delaying it). An order either sorts a list ({@link #order(List)}) or
 * scores each job ({@link #scoresJobs()}); the second ranks the whole queue.
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

  /**
   * {@link #order(List)} with what an order that weighs usage needs; the default ignores the
   * context. An order that {@link #scoresJobs() scores} sorts by {@link #score} under it.
   */
  default List<Job> order(List<Job> queued, OrderContext context) {
    return order(queued);
  }

  /**
   * Whether this order ranks by {@link #score}. The scheduler then ranks the whole queue, not a
   * window of it: it keeps each user's queued jobs in their own order (higher priority first, then
   * earlier submission) and, again and again, takes the best-scoring of the users' first jobs. A
   * user with one job behind a colleague's hundred thousand is therefore weighed at once.
   */
  default boolean scoresJobs() {
    return false;
  }

  /**
   * A queued job's score under {@code context}, higher first, with its terms; null for an order
   * that does not score. Ties go to the earlier submission. Called on the scheduler thread for the
   * first job of every user with queued jobs on each pass, and for the jobs it plans; it must be
   * pure arithmetic, a microsecond or so.
   */
  default JobScore score(Job job, OrderContext context) {
    return null;
  }
}
