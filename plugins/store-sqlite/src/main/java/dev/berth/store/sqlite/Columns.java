package dev.berth.store.sqlite;

import dev.berth.api.JobState;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * How values that SQLite has no type for are written to columns and read back. Instants are
 * ISO-8601 text, which keeps their full precision and stays readable in the sqlite3 shell; GPU
 * index lists are comma-separated text, in the order given.
 */
final class Columns {
  private Columns() {}

  static void setInstant(PreparedStatement statement, int index, Instant value)
      throws SQLException {
    statement.setString(index, value == null ? null : IsoInstants.format(value));
  }

  static Instant getInstant(ResultSet row, String column) throws SQLException {
    String text = row.getString(column);
    return text == null ? null : IsoInstants.parse(text);
  }

  static void setInteger(PreparedStatement statement, int index, Integer value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.INTEGER);
    } else {
      statement.setInt(index, value);
    }
  }

  static Integer getInteger(ResultSet row, String column) throws SQLException {
    int value = row.getInt(column);
    return row.wasNull() ? null : value;
  }

  static void setState(PreparedStatement statement, int index, JobState state) throws SQLException {
    statement.setString(index, state == null ? null : state.name());
  }

  static JobState getState(ResultSet row, String column) throws SQLException {
    String name = row.getString(column);
    return name == null ? null : JobState.valueOf(name);
  }

  /** A job's notify events as stored: comma-separated, NULL for none given, "" for an empty list. */
  static String formatNotify(List<String> events) {
    return events == null ? null : String.join(",", events);
  }

  static List<String> parseNotify(String text) {
    if (text == null) {
      return null;
    }
    return text.isEmpty() ? List.of() : List.of(text.split(","));
  }

  static String formatGpus(List<Integer> gpus) {
    StringBuilder text = new StringBuilder();
    for (Integer gpu : gpus) {
      if (text.length() > 0) {
        text.append(',');
      }
      text.append(gpu.intValue());
    }
    return text.toString();
  }

  static List<Integer> parseGpus(String text) {
    List<Integer> gpus = new ArrayList<>();
    if (!text.isEmpty()) {
      for (String part : text.split(",", -1)) {
        gpus.add(Integer.valueOf(part));
      }
    }
    return gpus;
  }

  /** {@code ?, ?, ?} for {@code count} values. */
  static String placeholders(int count) {
    return String.join(", ", java.util.Collections.nCopies(count, "?"));
  }
}
