package dev.berth.core.jobs;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes job time limits the way people who use Slurm type them. Accepted:
 *
 * <ul>
 *   <li>a number of seconds: {@code 5400};
 *   <li>a number with a unit: {@code 90s}, {@code 30m}, {@code 2h}, {@code 1d};
 *   <li>a clock: {@code MM:SS}, {@code HH:MM:SS};
 *   <li>days and a clock, as Slurm's {@code --time}: {@code D-HH}, {@code D-HH:MM}, {@code D-HH:MM:SS}.
 * </ul>
 *
 * A bare number means seconds here (Slurm reads it as minutes): the API's {@code timeLimit} is an
 * integer number of seconds, and a string of digits must mean the same.
 */
public final class TimeLimitFormat {
  /** Ten years: anything longer is a typo, and it keeps every sum of limits far from overflow. */
  public static final long MAX_SECONDS = 10L * 366 * 24 * 3600;

  private static final Pattern WITH_UNIT = Pattern.compile("([0-9]{1,12})\\s*([smhd])");
  private static final Pattern CLOCK = Pattern.compile("(?:([0-9]{1,5})-)?([0-9]{1,6})(?::([0-9]{1,2}))?(?::([0-9]{1,2}))?");

  private TimeLimitFormat() {}

  /**
   * The limit in seconds.
   *
   * @throws IllegalArgumentException with a message fit for a field error
   */
  public static long parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("must be a duration such as 90s, 30m, 2h, 1d, 02:30:00 or 1-12:00:00");
    }
    String s = text.strip().toLowerCase(Locale.ROOT);
    Matcher unit = WITH_UNIT.matcher(s);
    if (unit.matches()) {
      long n = Long.parseLong(unit.group(1));
      long factor = switch (unit.group(2)) {
        case "s" -> 1;
        case "m" -> 60;
        case "h" -> 3600;
        default -> 86400;
      };
      return checked(n > MAX_SECONDS ? Long.MAX_VALUE : n * factor);
    }
    Matcher clock = CLOCK.matcher(s);
    if (!clock.matches()) {
      throw new IllegalArgumentException("'" + clip(text) + "' is not a duration: use 90s, 30m, 2h, 1d, 02:30:00 or 1-12:00:00");
    }
    String days = clock.group(1);
    long first = Long.parseLong(clock.group(2));
    String second = clock.group(3);
    String third = clock.group(4);
    long seconds;
    if (days != null) {
      // D-HH, D-HH:MM, D-HH:MM:SS
      seconds = Long.parseLong(days) * 86400 + first * 3600 + minutesOrSeconds(second, "minutes") * 60
          + minutesOrSeconds(third, "seconds");
    } else if (third != null) {
      seconds = first * 3600 + minutesOrSeconds(second, "minutes") * 60 + minutesOrSeconds(third, "seconds");
    } else if (second != null) {
      seconds = first * 60 + minutesOrSeconds(second, "seconds");
    } else {
      seconds = first;
    }
    return checked(seconds);
  }

  /** The shortest of this class's forms that reads back to the same number: {@code 2h}, {@code 1-12:00:00}. */
  public static String format(long seconds) {
    if (seconds % 86400 == 0) {
      return seconds / 86400 + "d";
    }
    if (seconds % 3600 == 0 && seconds < 86400) {
      return seconds / 3600 + "h";
    }
    if (seconds % 60 == 0 && seconds < 3600) {
      return seconds / 60 + "m";
    }
    if (seconds < 3600) {
      return seconds + "s";
    }
    long d = seconds / 86400;
    long rest = seconds % 86400;
    String clock = String.format(Locale.ROOT, "%02d:%02d:%02d", rest / 3600, rest % 3600 / 60, rest % 60);
    return d > 0 ? d + "-" + clock : clock;
  }

  private static long minutesOrSeconds(String part, String what) {
    if (part == null) {
      return 0;
    }
    long v = Long.parseLong(part);
    if (v >= 60) {
      throw new IllegalArgumentException(what + " must be below 60, got " + v);
    }
    return v;
  }

  private static long checked(long seconds) {
    if (seconds <= 0) {
      throw new IllegalArgumentException("must be at least 1 second");
    }
    if (seconds > MAX_SECONDS) {
      throw new IllegalArgumentException("must be at most 10 years");
    }
    return seconds;
  }

  private static String clip(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }
}
