package dev.berth.testkit.memory;

import java.util.Optional;

/**
 * Job ids and page cursors as text, as the real stores read them: both are the decimal job
 * sequence. Ids arrive from URLs, so anything else is an id no job has, and a cursor this store did
 * not give out.
 */
final class JobIds {
  /** Up to 18 ASCII digits always fit a long. Checked by hand: every accrual and lookup parses one. */
  private static final int MAX_DIGITS = 18;

  private JobIds() {}

  /** The sequence {@code id} names ({@code 007} is 7), or empty when no job can have it. */
  static Optional<Long> parse(String id) {
    if (id == null || id.isEmpty() || id.length() > MAX_DIGITS) {
      return Optional.empty();
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c < '0' || c > '9') {
        return Optional.empty();
      }
    }
    return Optional.of(Long.parseLong(id));
  }

  /** The cursor's sequence; throws for anything this store did not give out. */
  static long cursor(String cursor) {
    return parse(cursor).orElseThrow(() -> new IllegalArgumentException("invalid page cursor '" + cursor + "'"));
  }
}
