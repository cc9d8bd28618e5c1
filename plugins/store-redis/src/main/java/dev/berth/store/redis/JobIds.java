package dev.berth.store.redis;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Job ids and page cursors as text: both are the decimal job sequence. Ids arrive from URLs, so
 * anything else is an id no job has, and a cursor this store did not give out.
 */
final class JobIds {
  /** Up to 15 digits: ids are sorted-set scores, exact in a double up to 2^53. */
  private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,15}");

  private JobIds() {}

  /** The canonical form of {@code id} ({@code 007} is {@code 7}), or empty when no job can have it. */
  static Optional<String> normalize(String id) {
    if (id == null || !DECIMAL.matcher(id).matches()) {
      return Optional.empty();
    }
    return Optional.of(Long.toString(Long.parseLong(id)));
  }

  /** The cursor in canonical form; throws for anything this store did not give out. */
  static String checkCursor(String cursor) {
    return normalize(cursor)
        .orElseThrow(() -> new IllegalArgumentException("invalid page cursor '" + cursor + "'"));
  }
}
