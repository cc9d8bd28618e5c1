package dev.berth.api;

import java.time.Duration;
import java.util.Optional;
import org.pf4j.ExtensionPoint;

/**
 * Decides which of several Berth processes sharing one store runs the scheduling loop. The others
 * serve the API and the UI.
 *
 * <p><b>Combination:</b> at most one is active, chosen by {@code extensions.lease}. With none, every
 * process considers itself the leader, which is right for a single process.
 *
 * <p><b>Threads:</b> called on the host's single lease thread, every {@code ttl / 3}.
 *
 * <p><b>Speed:</b> one round trip to the backing storage; must answer well within the ttl. On an
 * unreachable backend, throw {@link StoreUnavailableException}: the host then stops scheduling
 * until it holds the lease again.
 */
public interface LeaderLease extends ExtensionPoint {

  /**
   * Takes the lease if nobody holds it or it lapsed.
   *
   * @return the new lease with a fresh, larger fencing token, or empty when another holder has it
   */
  Optional<Lease> tryAcquire(String holder, Duration ttl);

  /**
   * Extends a lease this process holds.
   *
   * @return the extended lease, or empty when it was lost (lapsed and taken by another)
   */
  Optional<Lease> renew(Lease lease, Duration ttl);

  /** Gives the lease up at shutdown, so another process takes over at once. */
  void release(Lease lease);
}
