package dev.berth.store.sqlite;

import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Job ids and page cursors as text. Both are the decimal row id; ids arrive from URLs, so anything
 * else is an id no job has, and a cursor this store did not give out.
 */
final class JobIds {
  private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,19}");

  private JobIds() {}

  /** The row id of {@code id}, or empty when no job can have that id. */
  static OptionalLong parse(String id) {
    if (id == null || !DECIMAL.matcher(id).matches()) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(id));
    } catch (NumberFormatException tooLarge) {
      return OptionalLong.empty();
    }
  }

  /** The row id a cursor continues after. */
  static long parseCursor(String cursor) {
    OptionalLong id = parse(cursor);
    if (id.isEmpty()) {
      throw new IllegalArgumentException("invalid page cursor '" + cursor + "'");
    }
    return id.getAsLong();
  }

  static String format(long id) {
    return Long.toString(id);
  }
}
