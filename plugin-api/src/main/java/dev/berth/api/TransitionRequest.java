package dev.berth.api;

import java.util.Objects;
import java.util.Set;

/**
 * One compare-and-set of {@link QueueStore#transitionAll}: move job {@code jobId} by {@code
 * transition} if its state is one of {@code expectedFrom}, exactly as {@link QueueStore#transition}
 * would.
 */
public record TransitionRequest(String jobId, Set<JobState> expectedFrom, JobTransition transition) {
  public TransitionRequest {
    Objects.requireNonNull(jobId, "jobId");
    expectedFrom = Set.copyOf(Objects.requireNonNull(expectedFrom, "expectedFrom"));
    Objects.requireNonNull(transition, "transition");
  }
}
