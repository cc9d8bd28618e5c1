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
 * <p><b>Threads:</b> called on the host's single listener thread, in the order the changes were
 * made, after the store committed them. Never on the scheduler or request threads.
 *
 * <p><b>Speed:</b> should return within a few milliseconds; hand slow work (mail, webhooks) to your
 * own executor, or the events of everyone queue up behind you.
 */
public interface JobListener extends ExtensionPoint {

  /**
   * @param event the change as recorded in the job's history
   * @param job the job after the change
   */
  void onEvent(JobEvent event, Job job);
}
