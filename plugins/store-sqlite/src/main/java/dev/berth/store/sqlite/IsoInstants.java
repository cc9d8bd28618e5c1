package dev.berth.store.sqlite;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Instants as the columns hold them, written and read by hand: exactly the text {@link
 * Instant#toString} writes, and the instant {@link Instant#parse} reads from it. Both go through a
 * {@code DateTimeFormatter}, and inside a busy scheduler's claim and end transactions, which hold
 * SQLite's one writer, they were a tenth of the samples. Years outside 0000–9999, and any text of
 * another shape, go to the JDK's own methods, errors included.
 */
final class IsoInstants {
  private static final long SECONDS_PER_DAY = 86_400;
  private static final long FIRST_DAY = LocalDate.of(0, 1, 1).toEpochDay();
  private static final long LAST_DAY = LocalDate.of(9999, 12, 31).toEpochDay();

  private IsoInstants() {}

  /** {@code t.toString()}. */
  static String format(Instant t) {
    long day = Math.floorDiv(t.getEpochSecond(), SECONDS_PER_DAY);
    if (day < FIRST_DAY || day > LAST_DAY) {
      return t.toString(); // a sign, or a fifth digit
    }
    int secondOfDay = (int) Math.floorMod(t.getEpochSecond(), SECONDS_PER_DAY);
    LocalDate date = LocalDate.ofEpochDay(day);
    int nanos = t.getNano();
    // As ISO_INSTANT prints the fraction: none, or as many groups of three digits as it needs.
    int fractionDigits = nanos == 0 ? 0 : nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
    char[] out = new char[20 + (fractionDigits == 0 ? 0 : fractionDigits + 1)];
    put(out, 0, date.getYear(), 4);
    out[4] = '-';
    put(out, 5, date.getMonthValue(), 2);
    out[7] = '-';
    put(out, 8, date.getDayOfMonth(), 2);
    out[10] = 'T';
    put(out, 11, secondOfDay / 3600, 2);
    out[13] = ':';
    put(out, 14, secondOfDay / 60 % 60, 2);
    out[16] = ':';
    put(out, 17, secondOfDay % 60, 2);
    if (fractionDigits > 0) {
      out[19] = '.';
      int fraction = fractionDigits == 3 ? nanos / 1_000_000 : fractionDigits == 6 ? nanos / 1_000 : nanos;
      put(out, 20, fraction, fractionDigits);
    }
    out[out.length - 1] = 'Z';
    return new String(out);
  }

  /** {@code Instant.parse(text)}. */
  static Instant parse(String text) {
    int length = text.length();
    if (length < 20 || length > 30 || length == 21 || text.charAt(4) != '-' || text.charAt(7) != '-'
        || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(length - 1) != 'Z'
        || length > 20 && text.charAt(19) != '.') {
      return Instant.parse(text);
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 7);
    int dayOfMonth = digits(text, 8, 10);
    int hour = digits(text, 11, 13);
    int minute = digits(text, 14, 16);
    int second = digits(text, 17, 19);
    int fraction = length > 20 ? digits(text, 20, length - 1) : 0;
    if (year < 0 || month < 1 || month > 12 || dayOfMonth < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
        || second < 0 || second > 59 || fraction < 0) {
      return Instant.parse(text); // not digits, out of range, or a leap second: the JDK decides
    }
    long day;
    try {
      day = LocalDate.of(year, month, dayOfMonth).toEpochDay();
    } catch (DateTimeException e) {
      return Instant.parse(text);
    }
    for (int k = length - 21; k < 9 && length > 20; k++) {
      fraction *= 10;
    }
    return Instant.ofEpochSecond(day * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second, fraction);
  }

  /** The decimal number in {@code text[from, to)}, or -1 if any of it is not an ASCII digit. */
  private static int digits(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static void put(char[] out, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      out[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }
}
