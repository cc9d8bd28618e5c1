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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    // Each user's row is read once and written once per call, however many of their jobs it counts:
    // the additions are applied in order in memory, with the arithmetic a row at a time would do.
    Map<String, UserRow> users = new LinkedHashMap<>();
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
          UserRow before = users.containsKey(a.user()) ? users.get(a.user()) : read(readUser, a.user());
          users.put(a.user(), UserRow.add(before, added, a.until(), halfLife));
        }
      }
      for (Map.Entry<String, UserRow> e : users.entrySet()) {
        writeUser.setString(1, e.getKey());
        writeUser.setDouble(2, e.getValue().raw());
        writeUser.setDouble(3, e.getValue().decayed());
        Columns.setInstant(writeUser, 4, e.getValue().decayedAt());
        writeUser.executeUpdate();
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

  /** A user's row as stored: null when the user has none yet. */
  private static UserRow read(PreparedStatement read, String user) throws SQLException {
    read.setString(1, user);
    try (ResultSet r = read.executeQuery()) {
      return r.next()
          ? new UserRow(r.getDouble("gpu_seconds"), r.getDouble("decayed_gpu_seconds"), Columns.getInstant(r, "decayed_at"))
          : null;
    }
  }

  /** One user's ledger row: raw and decayed GPU-seconds, and the instant the decayed value refers to. */
  private record UserRow(double raw, double decayed, Instant decayedAt) {
    /** The row after adding {@code added} GPU-seconds counted up to {@code at}; {@code before} null: no row yet. */
    static UserRow add(UserRow before, double added, Instant at, Duration halfLife) {
      if (before == null) {
        return new UserRow(added, added, at);
      }
      double raw = UsageDecay.finite(before.raw()) + added;
      if (at.isBefore(before.decayedAt())) {
        // Added at an earlier instant than the stored value: the part added has decayed since.
        return new UserRow(raw, UsageDecay.finite(before.decayed()) + UsageDecay.decay(added, at, before.decayedAt(),
            halfLife), before.decayedAt());
      }
      return new UserRow(raw, UsageDecay.decay(before.decayed(), before.decayedAt(), at, halfLife) + added, at);
    }
  }
}
