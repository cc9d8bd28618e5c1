package dev.berth.store.sqlite;

import dev.berth.api.VersionedSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Settings sections: a version per section, and its values one row each. */
final class SettingsTable {
  private static final String SELECT_JOINED =
      "SELECT s.section, s.version, v.key, v.value FROM settings s"
          + " LEFT JOIN setting_values v ON v.section = s.section";

  private SettingsTable() {}

  /** One statement, so the version and the values come from the same snapshot. */
  static VersionedSettings get(Connection connection, String section) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(SELECT_JOINED + " WHERE s.section = ?")) {
      select.setString(1, section);
      List<VersionedSettings> found = read(select);
      return found.isEmpty() ? new VersionedSettings(section, 0, Map.of()) : found.get(0);
    }
  }

  /**
   * Replaces the values if the stored version is {@code expectedVersion}; call in a write
   * transaction.
   */
  static Optional<VersionedSettings> put(
      Connection connection, String section, Map<String, String> values, long expectedVersion)
      throws SQLException {
    long stored = storedVersion(connection, section);
    if (stored != expectedVersion) {
      return Optional.empty();
    }
    long next = expectedVersion + 1;
    String upsert =
        stored == 0
            ? "INSERT INTO settings (version, section) VALUES (?, ?)"
            : "UPDATE settings SET version = ? WHERE section = ?";
    try (PreparedStatement write = connection.prepareStatement(upsert)) {
      write.setLong(1, next);
      write.setString(2, section);
      write.executeUpdate();
    }
    try (PreparedStatement delete =
        connection.prepareStatement("DELETE FROM setting_values WHERE section = ?")) {
      delete.setString(1, section);
      delete.executeUpdate();
    }
    if (!values.isEmpty()) {
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO setting_values (section, key, value) VALUES (?, ?, ?)")) {
        for (Map.Entry<String, String> value : values.entrySet()) {
          insert.setString(1, section);
          insert.setString(2, value.getKey());
          insert.setString(3, value.getValue());
          insert.addBatch();
        }
        insert.executeBatch();
      }
    }
    return Optional.of(new VersionedSettings(section, next, values));
  }

  private static long storedVersion(Connection connection, String section) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT version FROM settings WHERE section = ?")) {
      select.setString(1, section);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? rows.getLong(1) : 0;
      }
    }
  }

  private static List<VersionedSettings> read(PreparedStatement select) throws SQLException {
    Map<String, Long> versions = new LinkedHashMap<>();
    Map<String, Map<String, String>> values = new HashMap<>();
    try (ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        String section = rows.getString("section");
        versions.put(section, rows.getLong("version"));
        Map<String, String> own = values.computeIfAbsent(section, s -> new HashMap<>());
        String key = rows.getString("key");
        if (key != null) {
          own.put(key, rows.getString("value"));
        }
      }
    }
    List<VersionedSettings> sections = new ArrayList<>();
    versions.forEach(
        (section, version) ->
            sections.add(new VersionedSettings(section, version, values.get(section))));
    return sections;
  }
}
