package dev.berth.api;

import org.pf4j.ExtensionPoint;

/**
 * Hears of every job state change that this Berth process made, for notifications, metrics and
 * audit.
 *
 * <p><b>Combination:</b> every listener named in {@code extensions.listeners} is told, each
 * independently; one failing does not stop the others or the change itself (the store already
 * holds it).
 *
 * <p><b>Threads:</b> called on one of the host's few delivery threads, after the store committed
 * the change; never on the scheduler, reconciler or request threads. Events of one job normally
 * arrive in order, but a retried one may come after a later one.
 *
 * <p><b>Failure:</b> throw to have the host try the same event again later (five tries over about
 * ten minutes by default, {@code notify.retryAfterSeconds}); after the last one it is counted as
 * failed in {@code /metrics} and on the plugins page. The exception's message is shown there, so
 * it must not hold a secret.
 *
 * <p><b>Speed:</b> may block for one network call with a timeout of its own (seconds, not
 * minutes): the host's queue is bounded, and while all its threads wait on a dead receiver, further
 * events are counted as failed rather than slowing anything else.
 */
public interface JobListener extends ExtensionPoint {

  /**
   * @param event the change as recorded in the job's history
   * @param job the job after the change
   */
  void onEvent(JobEvent event, Job job);
}
