package dev.berth.api;

import java.util.Objects;

/** One job to claim in {@link QueueStore#claimAll}, and where it is to run. */
public record Claim(String jobId, Placement placement) {
  public Claim {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(placement, "placement");
  }
}
