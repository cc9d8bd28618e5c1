package dev.berth.api;

import java.time.Instant;
import java.util.Objects;

/**
 * Leadership held by one Berth process.
 *
 * @param holder the process's id (host name, pod name and a random suffix)
 * @param fencingToken increases with every new acquisition, never reused: a store that supports
 *     leases refuses a claim carrying a token older than the newest one issued, so a paused or
 *     partitioned former leader cannot claim jobs after losing the lease
 * @param expiresAt when the lease lapses unless renewed
 */
public record Lease(String holder, long fencingToken, Instant expiresAt) {
  public Lease {
    Objects.requireNonNull(holder, "holder");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}
