package dev.berth.api;

import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Everything fair share needs at one instant: each user's decayed usage and shares.
 *
 * <p>For a user u, with U the user's part of all decayed GPU-seconds (0 when nobody used any) and S
 * the user's part of all shares, the fair-share factor is F = 2^(−U/S): 1 for a user who used
 * nothing, 0.5 for one who used exactly their share, towards 0 for one far over it. The users who
 * count for S are those with an account, with usage, or asked about; each has 1 share unless an
 * admin gave them more.
 *
 * @param at the instant the usage is decayed to
 * @param usage decayed usage by user; users without usage may be absent
 * @param shares shares by user; absent users have 1
 */
public record FairShareSnapshot(Instant at, Map<String, UserUsage> usage, Map<String, Integer> shares) {
  public FairShareSnapshot {
    usage = Map.copyOf(usage);
    shares = Map.copyOf(shares);
  }

  /** No usage and no shares: every user's factor is 1. */
  public static FairShareSnapshot empty(Instant at) {
    return new FairShareSnapshot(at, Map.of(), Map.of());
  }

  /** All users' decayed GPU-seconds together. */
  public double totalDecayed() {
    double total = 0;
    for (UserUsage u : usage.values()) {
      total += u.decayedGpuSeconds();
    }
    return total;
  }

  /** The user's shares: 1 unless set. */
  public int sharesOf(String user) {
    return shares.getOrDefault(user, 1);
  }

  /** U: the user's part of all decayed usage, 0 to 1. */
  public double usageShare(String user) {
    double total = totalDecayed();
    UserUsage u = usage.get(user);
    return total <= 0 || u == null ? 0 : u.decayedGpuSeconds() / total;
  }

  /** S: the user's part of all shares, 0 to 1. */
  public double labShare(String user) {
    Set<String> counted = new HashSet<>(shares.keySet());
    counted.addAll(usage.keySet());
    counted.add(user);
    long total = 0;
    for (String u : counted) {
      total += sharesOf(u);
    }
    return total <= 0 ? 0 : (double) sharesOf(user) / total;
  }

  /** F = 2^(−U/S). */
  public double factor(String user) {
    double s = labShare(user);
    double u = usageShare(user);
    if (u == 0) {
      return 1;
    }
    return s <= 0 ? 0 : Math.pow(2, -u / s);
  }
}
