package dev.berth.core.jobs;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.berth.api.Job;
import dev.berth.api.JobScore;
import dev.berth.api.JobState;
import dev.berth.core.scheduler.PlannedJob;
import dev.berth.core.scheduler.WaitingReason;
import java.time.Instant;
import java.util.List;

/**
 * A job as the API and UI show it: the stored fields (flattened into the same JSON object) plus,
 * for a queued job, its place in the queue (1 = next), why it waits (each reason with its code),
 * when it should start, and its score under an order that scores.
 *
 * @param estimatedStartAt when the job should start if every job ahead runs to its time limit; null
 *     when not queued, or when that cannot be known, with the reason in {@code estimateNote}
 */
public record JobView(@JsonUnwrapped Job job, Long position, List<WaitingReason> waitingReasons,
    Instant estimatedStartAt, String estimateNote, JobScore score) {

  public static JobView of(Job job) {
    return new JobView(job, null, null, null, null, null);
  }

  /** A queued job not yet planned: only its place is known. */
  static JobView queued(Job job, Long position, List<WaitingReason> reasons, String note) {
    return new JobView(job, position, reasons, null, note, null);
  }

  /** A queued job as the last pass planned it; the stored job is the fresher. */
  static JobView planned(Job stored, PlannedJob p) {
    return new JobView(stored, p.position(), p.reasons(), p.estimatedStartAt(), p.estimateNote(), p.score());
  }

  public String id() {
    return job.id();
  }

  public JobState state() {
    return job.state();
  }
}
