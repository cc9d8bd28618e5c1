package dev.berth.core.jobs;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.berth.api.Job;
import dev.berth.api.JobState;
import java.util.List;

/**
 * A job as the API and UI show it: the stored fields (flattened into the same JSON object) plus,
 * for a queued job, its place in the queue (1 = next) and why it waits.
 */
public record JobView(@JsonUnwrapped Job job, Long position, List<String> waitingReasons) {

  public static JobView of(Job job) {
    return new JobView(job, null, null);
  }

  public String id() {
    return job.id();
  }

  public JobState state() {
    return job.state();
  }
}
