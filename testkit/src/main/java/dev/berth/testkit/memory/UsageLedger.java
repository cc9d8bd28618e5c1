package dev.berth.testkit.memory;

import dev.berth.api.UsageAccrual;
import dev.berth.api.UserUsage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The usage ledger of an {@link InMemoryStorage}: per user the raw and decayed GPU-seconds and the
 * instant the decayed value refers to, per job the instant it was counted up to. The arithmetic is
 * the one the SQLite and Redis stores do, so that the contract suite holds all three to the same
 * figures. Not thread-safe; the storage holds its lock around every call.
 */
final class UsageLedger {
  /** One user's figures, changed in place: the scheduler accrues every running job each probe interval and after ends. */
  private static final class Entry {
    double raw;
    double decayed;
    Instant decayedAt;

    Entry(double raw, double decayed, Instant decayedAt) {
      this.raw = raw;
      this.decayed = decayed;
      this.decayedAt = decayedAt;
    }
  }

  private final Map<String, Entry> users = new HashMap<>();
  private final Map<Long, Instant> countedUntil = new HashMap<>();

  /** Adds what {@code accrual} counts beyond what was counted for its job; {@code sequence} names a stored job. */
  void accrue(long sequence, UsageAccrual accrual, Duration halfLife) {
    Instant stored = countedUntil.get(sequence);
    // Never before the accrual's start: a retried job's gap between attempts held no GPU.
    Instant counted = stored == null || stored.isBefore(accrual.from()) ? accrual.from() : stored;
    if (!accrual.until().isAfter(counted)) {
      return;
    }
    countedUntil.put(sequence, accrual.until());
    double added = accrual.gpus() * seconds(Duration.between(counted, accrual.until()));
    if (!(added > 0) || Double.isInfinite(added)) {
      return;
    }
    Entry e = users.get(accrual.user());
    Instant at = accrual.until();
    if (e == null) {
      users.put(accrual.user(), new Entry(added, added, at));
    } else if (!at.isBefore(e.decayedAt)) {
      e.decayed = decay(e.decayed, e.decayedAt, at, halfLife) + added;
      e.raw += added;
      e.decayedAt = at;
    } else {
      // Added at an earlier instant than the stored value: the part added has decayed since.
      e.raw += added;
      e.decayed += decay(added, at, e.decayedAt, halfLife);
    }
  }

  List<UserUsage> usage(Instant at, Duration halfLife) {
    List<UserUsage> out = new ArrayList<>(users.size());
    users.forEach((user, e) -> out.add(new UserUsage(user, e.raw, decay(e.decayed, e.decayedAt, at, halfLife))));
    return out;
  }

  /**
   * {@code value} as it stands at {@code to}, having halved every {@code halfLife} since {@code
   * from}; never grown when {@code to} is earlier.
   */
  static double decay(double value, Instant from, Instant to, Duration halfLife) {
    if (!(value > 0) || Double.isInfinite(value)) {
      return 0;
    }
    double elapsed = seconds(Duration.between(from, to));
    if (elapsed <= 0) {
      return value;
    }
    return value * Math.pow(2, -elapsed / seconds(halfLife));
  }

  private static double seconds(Duration d) {
    return d.getSeconds() + d.getNano() / 1e9;
  }
}
