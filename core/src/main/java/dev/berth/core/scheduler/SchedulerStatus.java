package dev.berth.core.scheduler;

import java.time.Instant;

/**
 * What the scheduler concluded on its last pass: the job at the head of the queue that could not
 * start, and why. Null fields when nothing waits.
 */
public record SchedulerStatus(String blockedJobId, Blockage blockage, Instant at) {
  public static final SchedulerStatus IDLE = new SchedulerStatus(null, null, null);
}
