package dev.berth.store.sqlite;

import dev.berth.api.UsageAccrual;
import dev.berth.api.UserUsage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The usage ledger (schema version 5): the {@code usage} table holds per user the raw and decayed
 * GPU-seconds and the instant the decayed value refers to; {@code jobs.usage_counted_until} holds
 * how far each job was counted. Call {@link #accrueAll} inside a write transaction: the read of both
 * and their update are then one compare-and-set for every process sharing the file.
 */
final class UsageTable {
  private UsageTable() {}

  /**
   * Adds, in order, the part of each accrual that its job was not yet counted for; a job not stored
   * adds nothing. The statements are prepared once for the whole list: the leader accrues every
   * running and just-ended job in one call.
   */
  static void accrueAll(Connection c, List<UsageAccrual> accruals, Duration halfLife) throws SQLException {
    try (PreparedStatement countedUntil = c.prepareStatement("SELECT usage_counted_until FROM jobs WHERE id = ?");
        PreparedStatement markCounted = c.prepareStatement("UPDATE jobs SET usage_counted_until = ? WHERE id = ?");
        PreparedStatement readUser = c.prepareStatement(
            "SELECT gpu_seconds, decayed_gpu_seconds, decayed_at FROM usage WHERE user_name = ?");
        PreparedStatement writeUser = c.prepareStatement(
            "INSERT INTO usage (user_name, gpu_seconds, decayed_gpu_seconds, decayed_at) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (user_name) DO UPDATE SET gpu_seconds = excluded.gpu_seconds,"
                + " decayed_gpu_seconds = excluded.decayed_gpu_seconds, decayed_at = excluded.decayed_at")) {
      for (UsageAccrual a : accruals) {
        OptionalLong id = JobIds.parse(a.jobId());
        if (id.isEmpty()) {
          continue;
        }
        Instant counted;
        countedUntil.setLong(1, id.getAsLong());
        try (ResultSet r = countedUntil.executeQuery()) {
          if (!r.next()) {
            continue;
          }
          Instant stored = Columns.getInstant(r, "usage_counted_until");
          // Never before the accrual's start: a retried job's gap between attempts held no GPU.
          counted = stored == null || stored.isBefore(a.from()) ? a.from() : stored;
        }
        if (!a.until().isAfter(counted)) {
          continue;
        }
        Columns.setInstant(markCounted, 1, a.until());
        markCounted.setLong(2, id.getAsLong());
        markCounted.executeUpdate();
        double added = a.gpus() * UsageDecay.seconds(Duration.between(counted, a.until()));
        if (added > 0 && !Double.isInfinite(added)) {
          add(readUser, writeUser, a.user(), added, a.until(), halfLife);
        }
      }
    }
  }

  /** Every user's usage, decayed to {@code at}. */
  static List<UserUsage> all(Connection c, Instant at, Duration halfLife) throws SQLException {
    List<UserUsage> out = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(
            "SELECT user_name, gpu_seconds, decayed_gpu_seconds, decayed_at FROM usage ORDER BY user_name");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        out.add(new UserUsage(r.getString("user_name"), UsageDecay.finite(r.getDouble("gpu_seconds")),
            UsageDecay.decay(r.getDouble("decayed_gpu_seconds"), Columns.getInstant(r, "decayed_at"), at, halfLife)));
      }
    }
    return out;
  }

  private static void add(PreparedStatement read, PreparedStatement write, String user, double added, Instant at,
      Duration halfLife) throws SQLException {
    double raw = added;
    double decayed = added;
    Instant decayedAt = at;
    read.setString(1, user);
    try (ResultSet r = read.executeQuery()) {
      if (r.next()) {
        Instant storedAt = Columns.getInstant(r, "decayed_at");
        double stored = r.getDouble("decayed_gpu_seconds");
        raw = UsageDecay.finite(r.getDouble("gpu_seconds")) + added;
        if (at.isBefore(storedAt)) {
          // Added at an earlier instant than the stored value: the part added has decayed since.
          decayed = UsageDecay.finite(stored) + UsageDecay.decay(added, at, storedAt, halfLife);
          decayedAt = storedAt;
        } else {
          decayed = UsageDecay.decay(stored, storedAt, at, halfLife) + added;
        }
      }
    }
    write.setString(1, user);
    write.setDouble(2, raw);
    write.setDouble(3, decayed);
    Columns.setInstant(write, 4, decayedAt);
    write.executeUpdate();
  }
}
