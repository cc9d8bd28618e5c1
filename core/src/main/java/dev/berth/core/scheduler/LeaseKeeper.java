package dev.berth.core.scheduler;

import dev.berth.api.LeaderLease;
import dev.berth.api.Lease;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the scheduling lease for this process: tries to take it, renews it every third of its ttl,
 * and steps down as soon as a renewal fails or the lease would lapse before the next renewal could
 * land, so two processes never believe they lead at once for longer than the store's fencing
 * allows. Every change is logged once.
 */
public final class LeaseKeeper implements Leadership, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LeaseKeeper.class);

  private final LeaderLease lease;
  private final String holder;
  private final Duration ttl;
  private final Clock clock;
  private final Runnable onGained;
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(r -> ResourceMonitor.daemon(r, "berth-lease"));
  private volatile Lease held;
  /** When the held lease lapses by this process's own clock: measured from before the request. */
  private volatile java.time.Instant localExpiry = java.time.Instant.MIN;

  public LeaseKeeper(LeaderLease lease, String holder, Duration ttl, Clock clock, Runnable onGained) {
    this.lease = lease;
    this.holder = holder;
    this.ttl = ttl;
    this.clock = clock;
    this.onGained = onGained;
  }

  public void start() {
    long period = Math.max(1, ttl.toMillis() / 3);
    thread.scheduleWithFixedDelay(this::tick, 0, period, TimeUnit.MILLISECONDS);
  }

  /** One acquire-or-renew round; public for tests that drive it by hand. */
  public synchronized void tick() {
    Lease current = held;
    java.time.Instant asked = clock.instant();
    try {
      Optional<Lease> next = current == null ? lease.tryAcquire(holder, ttl) : lease.renew(current, ttl);
      if (next.isPresent()) {
        held = next.get();
        localExpiry = asked.plus(ttl);
        if (current == null) {
          LOG.info("This process ({}) now schedules: lease taken with fencing token {}", holder, held.fencingToken());
          onGained.run();
        }
      } else if (current != null) {
        held = null;
        LOG.warn("Scheduling lease lost; another process schedules now");
      }
    } catch (RuntimeException e) {
      if (current != null) {
        held = null;
        LOG.warn("Scheduling lease could not be renewed ({}); stepping down", e.getMessage());
      }
    }
  }

  @Override
  public boolean leading() {
    // Stop claiming a little before the lease lapses: a renewal that is late must not let us go on.
    // The expiry is reckoned from when we asked, by our own clock, so clock skew with the store
    // only ever shortens our term.
    return held != null && clock.instant().plus(ttl.dividedBy(10)).isBefore(localExpiry);
  }

  @Override
  public long fencingToken() {
    Lease l = held;
    return l == null ? -1 : l.fencingToken();
  }

  @Override
  public synchronized void close() {
    thread.shutdownNow();
    Lease l = held;
    held = null;
    if (l != null) {
      try {
        lease.release(l);
      } catch (RuntimeException e) {
        LOG.debug("Releasing the lease failed: {}", e.toString());
      }
    }
  }
}
