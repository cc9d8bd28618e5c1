package dev.berth.core.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.LeaderLease;
import dev.berth.api.Lease;
import dev.berth.testkit.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The core's side of leadership: when it leads, when it steps down, what token it claims with. */
class LeaseKeeperTest {
  private static final Duration TTL = Duration.ofSeconds(15);
  private final SettableClock clock = new SettableClock();

  /** One lease slot with the semantics the LeaderLease Javadoc gives. */
  private final class OneSlot implements LeaderLease {
    String holder;
    Instant expires = Instant.MIN;
    long token;
    boolean down;

    @Override
    public synchronized Optional<Lease> tryAcquire(String who, Duration ttl) {
      check();
      if (holder != null && clock.instant().isBefore(expires) && !holder.equals(who)) {
        return Optional.empty();
      }
      holder = who;
      expires = clock.instant().plus(ttl);
      return Optional.of(new Lease(who, ++token, expires));
    }

    @Override
    public synchronized Optional<Lease> renew(Lease lease, Duration ttl) {
      check();
      if (!lease.holder().equals(holder) || lease.fencingToken() != token || !clock.instant().isBefore(expires)) {
        return Optional.empty();
      }
      expires = clock.instant().plus(ttl);
      return Optional.of(new Lease(holder, token, expires));
    }

    @Override
    public synchronized void release(Lease lease) {
      if (lease.holder().equals(holder)) {
        holder = null;
      }
    }

    private void check() {
      if (down) {
        throw new dev.berth.api.StoreUnavailableException("down", null);
      }
    }
  }

  @Test
  void onlyOneOfTwoProcessesLeadsAndTheOtherTakesOverWhenTheLeaseLapses() {
    OneSlot slot = new OneSlot();
    AtomicInteger gained = new AtomicInteger();
    LeaseKeeper a = new LeaseKeeper(slot, "a", TTL, clock, gained::incrementAndGet);
    LeaseKeeper b = new LeaseKeeper(slot, "b", TTL, clock, gained::incrementAndGet);
    a.tick();
    b.tick();
    assertThat(a.leading()).isTrue();
    assertThat(b.leading()).isFalse();
    assertThat(a.fencingToken()).isEqualTo(1);

    // a stops renewing (paused, partitioned): it stops claiming before the lease lapses...
    clock.advance(Duration.ofSeconds(14));
    assertThat(a.leading()).isFalse();
    // ...and once it lapsed, b takes over with a newer token.
    clock.advance(Duration.ofSeconds(2));
    b.tick();
    assertThat(b.leading()).isTrue();
    assertThat(b.fencingToken()).isEqualTo(2);
    a.tick();
    assertThat(a.leading()).isFalse();
    assertThat(gained).hasValue(2);
  }

  @Test
  void aStoreOutageMakesTheLeaderStepDownAndCloseReleasesTheLease() {
    OneSlot slot = new OneSlot();
    LeaseKeeper a = new LeaseKeeper(slot, "a", TTL, clock, () -> {});
    a.tick();
    assertThat(a.leading()).isTrue();
    slot.down = true;
    a.tick();
    assertThat(a.leading()).isFalse();
    slot.down = false;
    a.tick();
    assertThat(a.leading()).isTrue();
    a.close();
    LeaseKeeper b = new LeaseKeeper(slot, "b", TTL, clock, () -> {});
    b.tick();
    assertThat(b.leading()).as("released at close: no wait for the ttl").isTrue();
  }

  @Test
  void aProcessWithoutALeaseAlwaysLeadsWithTokenZero() {
    assertThat(Leadership.ALONE.leading()).isTrue();
    assertThat(Leadership.ALONE.fencingToken()).isZero();
  }
}
