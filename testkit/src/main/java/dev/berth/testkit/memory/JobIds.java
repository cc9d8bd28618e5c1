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
    long sequence = sequence(id);
    return sequence < 0 ? Optional.empty() : Optional.of(sequence);
  }

  /** {@link #parse} without a box, for loops over many ids: the sequence, or -1 when no job can have it. */
  static long sequence(String id) {
    if (id == null || id.isEmpty() || id.length() > MAX_DIGITS) {
      return -1;
    }
    long n = 0;
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }

  /** The cursor's sequence; throws for anything this store did not give out. */
  static long cursor(String cursor) {
    return parse(cursor).orElseThrow(() -> new IllegalArgumentException("invalid page cursor '" + cursor + "'"));
  }
}
