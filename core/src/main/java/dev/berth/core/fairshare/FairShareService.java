package dev.berth.core.fairshare;

import dev.berth.api.FairShareSnapshot;
import dev.berth.api.QueueStore;
import dev.berth.api.Settings;
import dev.berth.api.UserUsage;
import dev.berth.core.settings.FairshareSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Fair share as it stands at an instant: every user's usage from the store's ledger, decayed with
 * the {@code fairshare} section's half-life, and every account's shares. The scheduler asks for a
 * {@link #snapshot} each pass and {@code GET /api/v1/fairshare} shows one as a {@link #table}.
 *
 * <p>Reads only: two store reads per snapshot (the ledger and the accounts), no cache, no writes,
 * safe from any thread. A store that keeps no ledger (a third-party one written before it existed)
 * gives no usage, so every factor is 1 and the order falls back to age and priority; the table says
 * so.
 */
public final class FairShareService {
  private final QueueStore store;
  private final Supplier<Map<String, Integer>> shares;
  private final Supplier<Settings> settings;
  private final Clock clock;

  /**
   * @param store the queue store, whose ledger is read
   * @param shares every account's shares by username; accounts not in it have 1
   * @param settings the current {@code fairshare} section
   */
  public FairShareService(QueueStore store, Supplier<Map<String, Integer>> shares, Supplier<Settings> settings,
      Clock clock) {
    this.store = store;
    this.shares = shares;
    this.settings = settings;
    this.clock = clock;
  }

  /** Shares read from the store's accounts, or none (everyone 1) when the store keeps no accounts. */
  public FairShareService(QueueStore store, Supplier<Settings> settings, Clock clock) {
    this(store, AccountShares.of(store), settings, clock);
  }

  /** Usage decayed to {@code at} and every account's shares. */
  public FairShareSnapshot snapshot(Instant at) {
    return read(at).snapshot();
  }

  /** Fair share now, as {@code GET /api/v1/fairshare} shows it: every user with an account or usage, by name. */
  public FairShareTable table() {
    Instant at = clock.instant();
    Read read = read(at);
    FairShareSnapshot snapshot = read.snapshot();
    Set<String> users = new TreeSet<>(snapshot.shares().keySet());
    users.addAll(snapshot.usage().keySet());
    List<FairShareTable.Row> rows = users.stream().map(user -> {
      UserUsage u = snapshot.usage().get(user);
      return new FairShareTable.Row(user, u == null ? 0 : u.gpuSeconds(), u == null ? 0 : u.decayedGpuSeconds(),
          snapshot.sharesOf(user), snapshot.usageShare(user), snapshot.labShare(user), snapshot.factor(user));
    }).toList();
    return new FairShareTable(at, hours(read.halfLife()), read.ledgerKept(), rows);
  }

  private record Read(FairShareSnapshot snapshot, Duration halfLife, boolean ledgerKept) {}

  private Read read(Instant at) {
    Duration halfLife = FairshareSettings.halfLife(settings.get());
    Map<String, UserUsage> usage = new HashMap<>();
    boolean kept = true;
    try {
      for (UserUsage u : store.usage(at, halfLife)) {
        usage.put(u.user(), u);
      }
    } catch (UnsupportedOperationException noLedger) {
      kept = false;
    }
    return new Read(new FairShareSnapshot(at, usage, shares.get()), halfLife, kept);
  }

  private static double hours(Duration d) {
    return d.toMillis() / 3_600_000d;
  }
}
