package dev.berth.core.scheduler;

import dev.berth.api.Job;
import dev.berth.api.JobState;

/**
 * A change of a job this process made: the job after it, and the state it came from (null for
 * submit; the job's own state when only its message changed, as for a SCHEDULED job's reason to wait).
 */
public record JobChange(Job job, JobState from) {

  /** False for a change of the message alone: plugin listeners hear of state changes only. */
  public boolean stateChanged() {
    return from != job.state();
  }
}
