package dev.berth.api;

import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * Everything fair share needs at one instant: each user's decayed usage and shares.
 *
 * <p>For a user u, with U the user's part of all decayed GPU-seconds (0 when nobody used any) and S
 * the user's part of all shares, the fair-share factor is F = 2^(−U/S): 1 for a user who used
 * nothing, 0.5 for one who used exactly their share, towards 0 for one far over it. The users who
 * count for S are those with an account, with usage, or asked about; each has 1 share unless an
 * admin gave them more.
 *
 * <p>The totals are computed once, when the snapshot is made: an order scores one job per user on
 * every pass, so each factor must cost a few map lookups, not a sum over every user.
 *
 * @param at the instant the usage is decayed to
 * @param usage decayed usage by user; users without usage may be absent
 * @param shares shares by user; absent users have 1
 * @param totalDecayed all users' decayed GPU-seconds together; always computed from {@code usage}
 * @param totalShares the shares of every user with an account or usage; always computed
 * @param factors F of every user with an account or usage; always computed
 */
public record FairShareSnapshot(Instant at, Map<String, UserUsage> usage, Map<String, Integer> shares,
    double totalDecayed, long totalShares, Map<String, Double> factors) {
  public FairShareSnapshot {
    usage = Map.copyOf(usage);
    shares = Map.copyOf(shares);
    double decayed = 0;
    for (UserUsage u : usage.values()) {
      decayed += u.decayedGpuSeconds();
    }
    totalDecayed = decayed;
    // The users who count: those with usage, then those with shares only; no set of both.
    long total = 0;
    for (String u : usage.keySet()) {
      total += shares.getOrDefault(u, 1);
    }
    for (Map.Entry<String, Integer> e : shares.entrySet()) {
      if (!usage.containsKey(e.getKey())) {
        total += e.getValue();
      }
    }
    totalShares = total;
    Map<String, Double> f = new HashMap<>((int) ((usage.size() + shares.size()) / 0.75f) + 1);
    for (Map.Entry<String, UserUsage> e : usage.entrySet()) {
      f.put(e.getKey(), factor(e.getValue(), shares.getOrDefault(e.getKey(), 1), decayed, total));
    }
    for (String u : shares.keySet()) {
      if (!usage.containsKey(u)) {
        f.put(u, 1.0); // no usage: the factor of a user who used nothing
      }
    }
    // A HashMap, not Map.copyOf: factor() is looked up once per user on every pass, and the
    // immutable map's linear probing was 12 % of a busy scheduler's samples with 1,000 users.
    factors = Collections.unmodifiableMap(f);
  }

  /** A snapshot of this usage and these shares; the totals and factors are computed from them. */
  public FairShareSnapshot(Instant at, Map<String, UserUsage> usage, Map<String, Integer> shares) {
    this(at, usage, shares, 0, 0, Map.of());
  }

  private static double factor(UserUsage u, int userShares, double totalDecayed, long totalShares) {
    if (u == null || totalDecayed <= 0 || u.decayedGpuSeconds() <= 0) {
      return 1;
    }
    double usageShare = u.decayedGpuSeconds() / totalDecayed;
    double labShare = totalShares <= 0 ? 0 : (double) userShares / totalShares;
    return labShare <= 0 ? 0 : Math.pow(2, -usageShare / labShare);
  }

  /** No usage and no shares: every user's factor is 1. */
  public static FairShareSnapshot empty(Instant at) {
    return new FairShareSnapshot(at, Map.of(), Map.of());
  }

  /** The user's shares: 1 unless set. */
  public int sharesOf(String user) {
    return shares.getOrDefault(user, 1);
  }

  /** U: the user's part of all decayed usage, 0 to 1. */
  public double usageShare(String user) {
    UserUsage u = usage.get(user);
    return totalDecayed <= 0 || u == null ? 0 : u.decayedGpuSeconds() / totalDecayed;
  }

  /** S: the user's part of all shares, 0 to 1; a user with neither account nor usage counts as one more. */
  public double labShare(String user) {
    boolean counted = shares.containsKey(user) || usage.containsKey(user);
    long total = counted ? totalShares : totalShares + sharesOf(user);
    return total <= 0 ? 0 : (double) sharesOf(user) / total;
  }

  /** F = 2^(−U/S): a lookup for a user with an account or usage, 1 for anyone else (no usage). */
  public double factor(String user) {
    Double f = factors.get(user);
    return f != null ? f : 1;
  }
}
