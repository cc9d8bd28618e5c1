package dev.berth.testkit.memory;

import dev.berth.api.LeaderLease;
import dev.berth.api.Lease;
import dev.berth.api.StoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The leader lease of an {@link InMemoryStorage}, fencing the {@link InMemoryQueueStore}s over it
 * as the Redis lease fences the Redis store: every acquisition issues a larger token, and a claim
 * carrying an older one is refused. A lease lapses when its ttl has run out by {@code clock}, so a
 * test on a {@code SettableClock} decides when a leader loses it.
 */
public final class InMemoryLeaderLease implements LeaderLease {
  private final InMemoryStorage storage;
  private final Clock clock;
  private volatile boolean connected = true;

  public InMemoryLeaderLease(InMemoryStorage storage, Clock clock) {
    this.storage = storage;
    this.clock = clock;
  }

  /** From now on every call throws {@link StoreUnavailableException}, as on a lost connection. */
  public void disconnect() {
    connected = false;
  }

  public void reconnect() {
    connected = true;
  }

  @Override
  public Optional<Lease> tryAcquire(String holder, Duration ttl) {
    checkTtl(ttl);
    return locked("take the lease", () -> {
      Instant now = clock.instant();
      if (heldAt(now)) {
        return Optional.empty();
      }
      storage.lease = new Lease(holder, ++storage.newestFencingToken, now.plus(ttl));
      return Optional.of(storage.lease);
    });
  }

  @Override
  public Optional<Lease> renew(Lease lease, Duration ttl) {
    checkTtl(ttl);
    return locked("renew the lease", () -> {
      Instant now = clock.instant();
      if (!heldAt(now) || !isHeld(lease)) {
        return Optional.empty();
      }
      storage.lease = new Lease(lease.holder(), lease.fencingToken(), now.plus(ttl));
      return Optional.of(storage.lease);
    });
  }

  @Override
  public void release(Lease lease) {
    locked("release the lease", () -> {
      if (isHeld(lease)) {
        storage.lease = null;
      }
      return null;
    });
  }

  private boolean heldAt(Instant now) {
    return storage.lease != null && now.isBefore(storage.lease.expiresAt());
  }

  /** Whether {@code lease} is the one stored: the same holder and token, whatever its expiry. */
  private boolean isHeld(Lease lease) {
    Lease stored = storage.lease;
    return stored != null && stored.holder().equals(lease.holder()) && stored.fencingToken() == lease.fencingToken();
  }

  private static void checkTtl(Duration ttl) {
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("lease ttl must be positive, was " + ttl);
    }
  }

  private <T> T locked(String what, Supplier<T> work) {
    if (!connected) {
      throw new StoreUnavailableException("in-memory lease disconnected: cannot " + what, null);
    }
    return storage.locked(work);
  }
}
