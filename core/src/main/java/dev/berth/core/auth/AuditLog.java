package dev.berth.core.auth;

import dev.berth.api.AuditEntry;
import dev.berth.api.IdentityStore;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records admin actions and cancels of other users' jobs in the store's audit log, and in the
 * server log. Without an identity store (a third-party store that does not keep one, in proxy or
 * none mode) the server log is the only record.
 */
public final class AuditLog {
  private static final Logger LOG = LoggerFactory.getLogger("dev.berth.audit");
  private final IdentityStore store;
  private final Clock clock;

  public AuditLog(IdentityStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * Appends one entry. The action already happened, so a store failure is logged, not thrown:
   * losing an audit line must not hide a change that was made.
   */
  public void record(String actor, String action, String target, String detail) {
    AuditEntry e = new AuditEntry(clock.instant(), actor, action, target, detail);
    LOG.info("{} {} {} {}", e.actor(), e.action(), e.target(), e.detail());
    if (store == null) {
      return;
    }
    try {
      store.appendAudit(e);
    } catch (RuntimeException ex) {
      LOG.warn("Audit entry not stored ({}): {}", ex.toString(), e);
    }
  }

  /** The newest entries, newest first; empty without an identity store. */
  public List<AuditEntry> recent(int limit) {
    return store == null ? List.of() : store.audit(limit);
  }

  public boolean stored() {
    return store != null;
  }
}
