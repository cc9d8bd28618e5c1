package dev.berth.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.berth.api.Claim;
import dev.berth.api.Job;
import dev.berth.api.JobState;
import dev.berth.api.JobSubmission;
import dev.berth.api.LeaderLease;
import dev.berth.api.Lease;
import dev.berth.api.Placement;
import dev.berth.api.QueueStore;
import dev.berth.api.StoreUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link LeaderLease} must show: one holder at a time, renewal keeps the
 * lease and its fencing token, release hands it over at once, a holder that stops renewing loses
 * it when its ttl has run out (never before), and every acquisition gets a larger token. An
 * implementation subclasses it with a near-empty class:
 *
 * <pre>{@code
 * class MyLeaseTest extends LeaderLeaseContract {
 *   protected LeaderLease createLease() { return open(freshStorage()); }
 *   protected LeaderLease openSecondLeaseOnSameStorage() { return open(sameStorage()); }
 * }
 * }</pre>
 *
 * <p>Leases are closed after each test when they implement {@link AutoCloseable}. The tests that
 * wait for a lease to lapse use {@link #shortTtl()} and wait with a deadline; none asserts how fast
 * anything is.
 */
public abstract class LeaderLeaseContract {

  /** A ttl no test outlives: a lease taken with it never lapses during a test. */
  private static final Duration LONG_TTL = Duration.ofMinutes(10);

  private static final Duration TAKEOVER_DEADLINE = Duration.ofSeconds(60);

  private final OpenedResources opened = new OpenedResources();

  /** The lease under test, over fresh storage. */
  protected LeaderLease lease;

  /** A lease over fresh storage that nobody holds; called once before each test. */
  protected abstract LeaderLease createLease();

  /**
   * Another instance over the same storage as the last {@link #createLease()}, as a second Berth
   * process would open it.
   */
  protected abstract LeaderLease openSecondLeaseOnSameStorage();

  /** The ttl of the tests that let a lease lapse: short, but long enough to take and renew it. */
  protected Duration shortTtl() {
    return Duration.ofSeconds(1);
  }

  /**
   * A store over the same storage that checks this lease's fencing tokens in {@link
   * QueueStore#claim(String, Placement, Instant, String, long)}, or empty when the lease fences no
   * store (the fencing test is then skipped).
   */
  protected Optional<QueueStore> storeFencedByTheseLeases() {
    return Optional.empty();
  }

  /**
   * Makes the storage of the lease under test unreachable until the returned handle is closed, or
   * empty when the implementation cannot simulate that (the failure test is then skipped).
   */
  protected Optional<AutoCloseable> makeStorageUnreachable() {
    return Optional.empty();
  }

  @BeforeEach
  final void openLeaseUnderTest() {
    lease = track(createLease());
  }

  @AfterEach
  final void closeOpenedLeases() throws Exception {
    opened.closeAll();
  }

  /** A second instance over the same storage, closed after the test. */
  protected final LeaderLease secondLease() {
    return track(openSecondLeaseOnSameStorage());
  }

  // ---------------------------------------------------------------- acquire

  @Test
  void aFreeLeaseIsTakenWithAPositiveFencingToken() {
    Lease taken = lease.tryAcquire("berth-a", LONG_TTL).orElseThrow();

    assertThat(taken.holder()).isEqualTo("berth-a");
    assertThat(taken.fencingToken()).isPositive();
    assertThat(taken.expiresAt()).isNotNull();
  }

  @Test
  void aHeldLeaseIsRefusedToEveryOtherHolderAndInstance() {
    LeaderLease other = secondLease();
    lease.tryAcquire("berth-a", LONG_TTL).orElseThrow();

    assertThat(other.tryAcquire("berth-b", LONG_TTL)).isEmpty();
    assertThat(lease.tryAcquire("berth-c", LONG_TTL)).isEmpty();
    assertThat(other.tryAcquire("berth-a", LONG_TTL))
        .as("taking it again is not renewing it")
        .isEmpty();
  }

  @Test
  void everyAcquisitionGetsALargerToken() {
    LeaderLease other = secondLease();
    long previous = 0;
    for (int round = 0; round < 6; round++) {
      LeaderLease taker = round % 2 == 0 ? lease : other;
      Lease taken = taker.tryAcquire("berth-" + round, LONG_TTL).orElseThrow();
      assertThat(taken.fencingToken()).as("token of round %d", round).isGreaterThan(previous);
      previous = taken.fencingToken();
      taker.release(taken);
    }
  }

  @Test
  void aFollowersRefusedAttemptsDoNotFenceTheLeaderOut() {
    QueueStore store = fencedStoreOrSkip();
    LeaderLease follower = secondLease();
    Lease held = lease.tryAcquire("berth-a", LONG_TTL).orElseThrow();
    for (int i = 0; i < 5; i++) {
      assertThat(follower.tryAcquire("berth-b", LONG_TTL)).isEmpty();
    }
    Job job = store.enqueue(new JobSubmission("led", "ann", "demo", Map.of(), 0, 0), Instant.EPOCH);

    assertThat(store.claim(job.id(), new Placement("node-a", List.of()), Instant.EPOCH, "scheduler",
            held.fencingToken()))
        .as("the leader's claim after the follower polled")
        .isPresent();
  }

  // ---------------------------------------------------------------- renew and release

  @Test
  void renewKeepsTheLeaseAndItsToken() {
    LeaderLease other = secondLease();
    Lease held = lease.tryAcquire("berth-a", LONG_TTL).orElseThrow();

    for (int i = 0; i < 3; i++) {
      Lease renewed = lease.renew(held, LONG_TTL).orElseThrow();
      assertThat(renewed.holder()).isEqualTo("berth-a");
      assertThat(renewed.fencingToken()).isEqualTo(held.fencingToken());
      assertThat(renewed.expiresAt()).isAfterOrEqualTo(held.expiresAt());
      assertThat(other.tryAcquire("berth-b", LONG_TTL)).isEmpty();
      held = renewed;
    }
  }

  @Test
  void renewOfAForgedLeaseIsEmptyAndLeavesTheHolderInPlace() {
    Lease held = lease.tryAcquire("berth-a", LONG_TTL).orElseThrow();

    assertThat(lease.renew(new Lease("berth-b", held.fencingToken(), held.expiresAt()), LONG_TTL))
        .as("another holder's name")
        .isEmpty();
    assertThat(lease.renew(new Lease("berth-a", held.fencingToken() + 1, held.expiresAt()), LONG_TTL))
        .as("another token")
        .isEmpty();
    assertThat(lease.renew(held, LONG_TTL)).isPresent();
  }

  @Test
  void releaseHandsTheLeaseOverAtOnce() {
    LeaderLease other = secondLease();
    Lease held = lease.tryAcquire("berth-a", LONG_TTL).orElseThrow();

    lease.release(held);

    Lease next = other.tryAcquire("berth-b", LONG_TTL).orElseThrow();
    assertThat(next.fencingToken()).isGreaterThan(held.fencingToken());
    assertThat(lease.renew(held, LONG_TTL)).as("a released lease is gone").isEmpty();
  }

  @Test
  void releasingALeaseNoLongerHeldIsHarmless() {
    LeaderLease other = secondLease();
    Lease held = lease.tryAcquire("berth-a", LONG_TTL).orElseThrow();
    lease.release(held);
    Lease next = other.tryAcquire("berth-b", LONG_TTL).orElseThrow();

    lease.release(held);

    assertThat(lease.tryAcquire("berth-c", LONG_TTL)).as("the new holder keeps it").isEmpty();
    assertThat(other.renew(next, LONG_TTL)).isPresent();
  }

  // ---------------------------------------------------------------- lapse and takeover

  @Test
  void aLeaderThatStopsRenewingIsReplacedOnceItsTtlHasRunOutNeverBefore() {
    LeaderLease follower = secondLease();
    Duration ttl = shortTtl();
    long askedAt = System.nanoTime();
    Lease old = lease.tryAcquire("berth-a", ttl).orElseThrow();

    Lease taken = awaitTakeover(follower, "berth-b", ttl);
    long takenAt = System.nanoTime();

    assertThat(Duration.ofNanos(takenAt - askedAt))
        .as("the follower got the lease only after the leader's ttl ran out")
        .isGreaterThanOrEqualTo(ttl);
    assertThat(taken.fencingToken()).isGreaterThan(old.fencingToken());
  }

  @Test
  void theFormerLeaderCannotRenewOrReleaseTheNewLeadersLease() {
    LeaderLease follower = secondLease();
    Duration ttl = shortTtl();
    Lease old = lease.tryAcquire("berth-a", ttl).orElseThrow();
    Lease taken = awaitTakeover(follower, "berth-b", ttl);

    assertThat(lease.renew(old, ttl)).as("renewal after losing the lease").isEmpty();
    lease.release(old);

    assertThat(lease.tryAcquire("berth-a", LONG_TTL)).as("the new leader still holds it").isEmpty();
    assertThat(follower.renew(taken, LONG_TTL)).isPresent();
  }

  @Test
  void aStaleLeadersClaimIsRefusedAndTheNewLeadersClaimApplies() {
    QueueStore store = fencedStoreOrSkip();
    LeaderLease follower = secondLease();
    Duration ttl = shortTtl();
    Job job =
        store.enqueue(new JobSubmission("fenced", "ann", "demo", Map.of(), 0, 0), Instant.EPOCH);
    Lease old = lease.tryAcquire("berth-a", ttl).orElseThrow();
    Lease taken = awaitTakeover(follower, "berth-b", ttl);
    Placement placement = new Placement("node-a", List.of());

    assertThat(store.claim(job.id(), placement, Instant.EPOCH, "scheduler", old.fencingToken()))
        .as("claim with the former leader's token")
        .isEmpty();
    assertThat(store.claimAll(List.of(new Claim(job.id(), placement)), Instant.EPOCH, "scheduler",
            old.fencingToken()))
        .as("a batch claim with the former leader's token")
        .isEmpty();
    assertThat(store.get(job.id()).orElseThrow().state()).isEqualTo(JobState.QUEUED);
    assertThat(store.events(job.id())).hasSize(1);

    Job claimed =
        store
            .claim(job.id(), placement, Instant.EPOCH, "scheduler", taken.fencingToken())
            .orElseThrow();
    assertThat(claimed.state()).isEqualTo(JobState.SCHEDULED);
  }

  // ---------------------------------------------------------------- failures

  @Test
  void anUnreachableBackendThrowsStoreUnavailableAndTheLeaseRecoversAfterwards() {
    Lease held = lease.tryAcquire("berth-a", LONG_TTL).orElseThrow();
    Optional<AutoCloseable> outage = makeStorageUnreachable();
    assumeThat(outage).as("this lease cannot simulate unreachable storage").isPresent();

    AutoCloseable down = outage.orElseThrow();
    try {
      assertThatThrownBy(() -> lease.tryAcquire("berth-b", LONG_TTL))
          .isInstanceOf(StoreUnavailableException.class);
      assertThatThrownBy(() -> lease.renew(held, LONG_TTL))
          .isInstanceOf(StoreUnavailableException.class);
    } finally {
      end(down);
    }

    Lease renewed =
        awaitValue("the lease to answer again", () -> lease.renew(held, LONG_TTL));
    assertThat(renewed.fencingToken()).isEqualTo(held.fencingToken());
  }

  // ---------------------------------------------------------------- helpers

  private static void end(AutoCloseable outage) {
    try {
      outage.close();
    } catch (Exception e) {
      throw new AssertionError("could not end the outage", e);
    }
  }

  private QueueStore fencedStoreOrSkip() {
    Optional<QueueStore> fenced = storeFencedByTheseLeases();
    assumeThat(fenced).as("this lease fences no store").isPresent();
    return opened.track(fenced.orElseThrow());
  }

  private Lease awaitTakeover(LeaderLease follower, String holder, Duration ttl) {
    return awaitValue("another holder to take over the lapsed lease", () -> follower.tryAcquire(holder, ttl));
  }

  /** Polls until {@code attempt} gives a value, with a deadline; the pause is a tenth of the short ttl. */
  private <T> T awaitValue(String what, java.util.function.Supplier<Optional<T>> attempt) {
    long deadline = System.nanoTime() + TAKEOVER_DEADLINE.toNanos();
    long pauseMillis = Math.max(10, shortTtl().toMillis() / 10);
    RuntimeException lastFailure = null;
    while (System.nanoTime() < deadline) {
      try {
        Optional<T> value = attempt.get();
        if (value.isPresent()) {
          return value.get();
        }
      } catch (StoreUnavailableException e) {
        lastFailure = e;
      }
      try {
        Thread.sleep(pauseMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what, e);
      }
    }
    throw new AssertionError("timed out after " + TAKEOVER_DEADLINE + " waiting for " + what, lastFailure);
  }

  private LeaderLease track(LeaderLease l) {
    return opened.track(l);
  }
}
