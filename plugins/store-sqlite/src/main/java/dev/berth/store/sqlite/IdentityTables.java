package dev.berth.store.sqlite;

import dev.berth.api.ApiToken;
import dev.berth.api.AuditEntry;
import dev.berth.api.UserAccount;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Users, API token hashes and the audit log (schema version 2). */
final class IdentityTables {
  private static final String USER_COLUMNS = "username, password_hash, admin, disabled, created_at, shares";
  private static final String TOKEN_COLUMNS = "id, username, name, hash, created_at, last_used_at";

  private IdentityTables() {}

  static Optional<UserAccount> user(Connection c, String username) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT " + USER_COLUMNS + " FROM users WHERE username = ?")) {
      s.setString(1, username);
      List<UserAccount> found = users(s);
      return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }
  }

  static List<UserAccount> users(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT " + USER_COLUMNS + " FROM users ORDER BY username")) {
      return users(s);
    }
  }

  static boolean anyUser(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM users LIMIT 1"); ResultSet r = s.executeQuery()) {
      return r.next();
    }
  }

  /** Inserts the user unless the name is taken; call in a write transaction. */
  static boolean insertUser(Connection c, UserAccount u) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "INSERT INTO users (" + USER_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (username) DO NOTHING")) {
      s.setString(1, u.username());
      s.setString(2, u.passwordHash());
      s.setInt(3, u.admin() ? 1 : 0);
      s.setInt(4, u.disabled() ? 1 : 0);
      Columns.setInstant(s, 5, u.createdAt());
      s.setInt(6, u.shares());
      return s.executeUpdate() == 1;
    }
  }

  static boolean updateUser(Connection c, UserAccount u) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "UPDATE users SET password_hash = ?, admin = ?, disabled = ?, shares = ? WHERE username = ?")) {
      s.setString(1, u.passwordHash());
      s.setInt(2, u.admin() ? 1 : 0);
      s.setInt(3, u.disabled() ? 1 : 0);
      s.setInt(4, u.shares());
      s.setString(5, u.username());
      return s.executeUpdate() == 1;
    }
  }

  static void insertToken(Connection c, ApiToken t) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "INSERT INTO api_tokens (" + TOKEN_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)")) {
      s.setString(1, t.id());
      s.setString(2, t.username());
      s.setString(3, t.name());
      s.setString(4, t.hash());
      Columns.setInstant(s, 5, t.createdAt());
      Columns.setInstant(s, 6, t.lastUsedAt());
      s.executeUpdate();
    }
  }

  static Optional<ApiToken> tokenByHash(Connection c, String hash) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT " + TOKEN_COLUMNS + " FROM api_tokens WHERE hash = ?")) {
      s.setString(1, hash);
      List<ApiToken> found = tokens(s);
      return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }
  }

  static List<ApiToken> tokens(Connection c, String username) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "SELECT " + TOKEN_COLUMNS + " FROM api_tokens WHERE username = ? ORDER BY created_at, id")) {
      s.setString(1, username);
      return tokens(s);
    }
  }

  static boolean deleteToken(Connection c, String username, String id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("DELETE FROM api_tokens WHERE username = ? AND id = ?")) {
      s.setString(1, username);
      s.setString(2, id);
      return s.executeUpdate() == 1;
    }
  }

  static void touchToken(Connection c, String id, Instant at) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE api_tokens SET last_used_at = ? WHERE id = ?")) {
      Columns.setInstant(s, 1, at);
      s.setString(2, id);
      s.executeUpdate();
    }
  }

  static void appendAudit(Connection c, AuditEntry e) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "INSERT INTO audit_log (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)")) {
      Columns.setInstant(s, 1, e.at());
      s.setString(2, e.actor());
      s.setString(3, e.action());
      s.setString(4, e.target());
      s.setString(5, e.detail());
      s.executeUpdate();
    }
  }

  static List<AuditEntry> audit(Connection c, int limit) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "SELECT at, actor, action, target, detail FROM audit_log ORDER BY sequence DESC LIMIT ?")) {
      s.setInt(1, limit);
      List<AuditEntry> out = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(new AuditEntry(Columns.getInstant(r, "at"), r.getString("actor"), r.getString("action"),
              r.getString("target"), r.getString("detail")));
        }
      }
      return out;
    }
  }

  private static List<UserAccount> users(PreparedStatement s) throws SQLException {
    List<UserAccount> out = new ArrayList<>();
    try (ResultSet r = s.executeQuery()) {
      while (r.next()) {
        out.add(new UserAccount(r.getString("username"), r.getString("password_hash"), r.getInt("admin") == 1,
            r.getInt("disabled") == 1, Columns.getInstant(r, "created_at"), r.getInt("shares")));
      }
    }
    return out;
  }

  private static List<ApiToken> tokens(PreparedStatement s) throws SQLException {
    List<ApiToken> out = new ArrayList<>();
    try (ResultSet r = s.executeQuery()) {
      while (r.next()) {
        out.add(new ApiToken(r.getString("id"), r.getString("username"), r.getString("name"), r.getString("hash"),
            Columns.getInstant(r, "created_at"), Columns.getInstant(r, "last_used_at")));
      }
    }
    return out;
  }
}
