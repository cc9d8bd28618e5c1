package dev.berth.core.usage;

import dev.berth.core.errors.ValidationException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses {@code since=30d}: a whole number of minutes, hours, days or weeks, up to 366 days. */
final class UsageWindow {
  private static final Pattern TEXT = Pattern.compile("(\\d{1,6})([mhdw])");
  static final Duration MAX = Duration.ofDays(366);

  private UsageWindow() {}

  static Duration parse(String text) {
    if (text == null || text.isBlank()) {
      return Duration.ofDays(30);
    }
    Matcher m = TEXT.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw ValidationException.of("since", "must be a span such as 90m, 12h, 30d or 4w, was '" + clip(text) + "'");
    }
    long n = Long.parseLong(m.group(1));
    Duration d = switch (m.group(2)) {
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default -> Duration.ofDays(7 * n);
    };
    if (d.isZero() || d.compareTo(MAX) > 0) {
      throw ValidationException.of("since", "must be more than 0 and at most 366 days, was '" + clip(text) + "'");
    }
    return d;
  }

  private static String clip(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }
}
