package dev.berth.core.fairshare;

import java.time.Instant;
import java.util.List;

/**
 * Fair share at one instant, one row per user, as {@code GET /api/v1/fairshare} answers it.
 *
 * @param halfLifeHours the half-life the decayed figures were computed with
 * @param ledgerKept false when the store keeps no usage ledger: then nobody has usage
 */
public record FairShareTable(Instant at, double halfLifeHours, boolean ledgerKept, List<Row> users) {
  public FairShareTable {
    users = List.copyOf(users);
  }

  /**
   * One user.
   *
   * @param gpuSeconds every GPU-second the user's jobs held, undecayed
   * @param decayedGpuSeconds the same, each halved per half-life since
   * @param usageShare U: the user's part of everyone's decayed GPU-seconds
   * @param labShare S: the user's part of everyone's shares
   * @param factor F = 2^(−U/S)
   */
  public record Row(String user, double gpuSeconds, double decayedGpuSeconds, int shares, double usageShare,
      double labShare, double factor) {}
}
