package dev.berth.testkit.memory;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Job ids and page cursors as text, as the real stores read them: both are the decimal job
 * sequence. Ids arrive from URLs, so anything else is an id no job has, and a cursor this store did
 * not give out.
 */
final class JobIds {
  private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,18}");

  private JobIds() {}

  /** The sequence {@code id} names ({@code 007} is 7), or empty when no job can have it. */
  static Optional<Long> parse(String id) {
    if (id == null || !DECIMAL.matcher(id).matches()) {
      return Optional.empty();
    }
    return Optional.of(Long.parseLong(id));
  }

  /** The cursor's sequence; throws for anything this store did not give out. */
  static long cursor(String cursor) {
    return parse(cursor).orElseThrow(() -> new IllegalArgumentException("invalid page cursor '" + cursor + "'"));
  }
}
