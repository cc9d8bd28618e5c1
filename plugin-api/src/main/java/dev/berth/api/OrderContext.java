package dev.berth.api;

import java.time.Instant;

/**
 * What the host gives a {@link QueueOrder} on each ranking: the time of the pass, the fair-share
 * ledger's state and the {@code fairshare} settings section (weights, half-life, maximum age).
 *
 * @param now the pass's instant, from the host's clock
 * @param fairShare usage and shares, decayed to {@code now}
 * @param fairshareSettings the section {@code fairshare} with defaults filled in
 */
public record OrderContext(Instant now, FairShareSnapshot fairShare, Settings fairshareSettings) {}
