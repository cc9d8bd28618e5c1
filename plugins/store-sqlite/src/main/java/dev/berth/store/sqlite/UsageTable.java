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
 * how far each job was counted. Call {@link #accrue} inside a write transaction: the read of both
 * and their update are then one compare-and-set for every process sharing the file.
 */
final class UsageTable {
  private UsageTable() {}

  /** Adds the part of {@code a} that its job was not yet counted for; a job not stored adds nothing. */
  static void accrue(Connection c, UsageAccrual a, Duration halfLife) throws SQLException {
    OptionalLong id = JobIds.parse(a.jobId());
    if (id.isEmpty()) {
      return;
    }
    Instant counted;
    try (PreparedStatement s = c.prepareStatement("SELECT usage_counted_until FROM jobs WHERE id = ?")) {
      s.setLong(1, id.getAsLong());
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return;
        }
        Instant stored = Columns.getInstant(r, "usage_counted_until");
        // Never before the accrual's start: a retried job's gap between attempts held no GPU.
        counted = stored == null || stored.isBefore(a.from()) ? a.from() : stored;
      }
    }
    if (!a.until().isAfter(counted)) {
      return;
    }
    try (PreparedStatement s = c.prepareStatement("UPDATE jobs SET usage_counted_until = ? WHERE id = ?")) {
      Columns.setInstant(s, 1, a.until());
      s.setLong(2, id.getAsLong());
      s.executeUpdate();
    }
    double added = a.gpus() * UsageDecay.seconds(Duration.between(counted, a.until()));
    if (!(added > 0) || Double.isInfinite(added)) {
      return;
    }
    add(c, a.user(), added, a.until(), halfLife);
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

  private static void add(Connection c, String user, double added, Instant at, Duration halfLife)
      throws SQLException {
    double raw = added;
    double decayed = added;
    Instant decayedAt = at;
    try (PreparedStatement s = c.prepareStatement(
        "SELECT gpu_seconds, decayed_gpu_seconds, decayed_at FROM usage WHERE user_name = ?")) {
      s.setString(1, user);
      try (ResultSet r = s.executeQuery()) {
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
    }
    try (PreparedStatement s = c.prepareStatement(
        "INSERT INTO usage (user_name, gpu_seconds, decayed_gpu_seconds, decayed_at) VALUES (?, ?, ?, ?)"
            + " ON CONFLICT (user_name) DO UPDATE SET gpu_seconds = excluded.gpu_seconds,"
            + " decayed_gpu_seconds = excluded.decayed_gpu_seconds, decayed_at = excluded.decayed_at")) {
      s.setString(1, user);
      s.setDouble(2, raw);
      s.setDouble(3, decayed);
      Columns.setInstant(s, 4, decayedAt);
      s.executeUpdate();
    }
  }
}
