package dev.berth.sim;

import java.util.List;

/**
 * One simulated configuration's outcome: every job that was submitted, the jobs no node could ever
 * hold (asked for more GPUs than the largest node has, never submitted), the notes on how the trace
 * was read, and the wall-clock time the simulation took.
 */
public record SimResult(
    SimSettings settings, int totalGpus, List<JobOutcome> jobs, int unschedulable, int estimateEvery,
    List<String> notes, long wallNanos) {
  public SimResult {
    jobs = List.copyOf(jobs);
    notes = List.copyOf(notes);
  }
}
