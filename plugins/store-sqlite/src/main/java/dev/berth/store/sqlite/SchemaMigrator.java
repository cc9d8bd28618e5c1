package dev.berth.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;

/**
 * Brings the database schema to the latest version at open. The {@code schema_version} table holds
 * one row per applied migration; it runs inside the caller's write transaction, so two processes
 * opening a new file at once migrate it once.
 */
final class SchemaMigrator {
  private final List<Migration> migrations;
  private final Clock clock;

  SchemaMigrator(List<Migration> migrations, Clock clock) {
    this.migrations = List.copyOf(migrations);
    this.clock = clock;
  }

  /** Applies the missing migrations and returns the schema version now in force. */
  int migrate(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE IF NOT EXISTS schema_version ("
              + " version INTEGER NOT NULL PRIMARY KEY,"
              + " description TEXT NOT NULL,"
              + " applied_at TEXT NOT NULL)");
    }
    int current = currentVersion(connection);
    int latest = migrations.isEmpty() ? 0 : migrations.get(migrations.size() - 1).version();
    if (current > latest) {
      throw new IllegalStateException(
          "the database schema is at version "
              + current
              + ", newer than the "
              + latest
              + " this sqlite store knows; a newer Berth wrote it");
    }
    for (Migration migration : migrations) {
      if (migration.version() > current) {
        apply(connection, migration);
        current = migration.version();
      }
    }
    return current;
  }

  static int currentVersion(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
      rows.next();
      return rows.getInt(1);
    }
  }

  private void apply(Connection connection, Migration migration) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (String sql : migration.statements()) {
        statement.execute(sql);
      }
    }
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
      insert.setInt(1, migration.version());
      insert.setString(2, migration.description());
      insert.setString(3, clock.instant().toString());
      insert.executeUpdate();
    }
  }
}
