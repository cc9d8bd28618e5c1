package dev.berth.core.cli.client;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people type them ({@code 90s}, {@code 15m}, {@code 2h}, {@code 7d}, {@code 1h30m}) and as tables show them. */
public final class Durations {
  private static final Pattern PART = Pattern.compile("(\\d+)([smhdw])");

  private Durations() {}

  /** @throws CliFailure (usage) for anything else */
  public static Duration parse(String option, String text) {
    String s = text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT);
    Matcher m = PART.matcher(s);
    long seconds = 0;
    int end = 0;
    while (m.find() && m.start() == end) {
      long n = Long.parseLong(m.group(1));
      seconds += n * switch (m.group(2)) {
        case "s" -> 1;
        case "m" -> 60;
        case "h" -> 3600;
        case "d" -> 86_400;
        default -> 604_800;
      };
      end = m.end();
    }
    if (s.isEmpty() || end != s.length() || seconds <= 0) {
      throw new CliFailure(ExitCodes.USAGE, option + " '" + text + "' is not a duration like 90s, 15m, 2h, 7d or 1h30m");
    }
    return Duration.ofSeconds(seconds);
  }

  /** Short and coarse, for a table cell: {@code 45s}, {@code 12m}, {@code 3h05m}, {@code 2d04h}. */
  public static String brief(Duration d) {
    long s = Math.max(0, d.toSeconds());
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return (s / 60) + "m";
    }
    if (s < 86_400) {
      return String.format("%dh%02dm", s / 3600, (s % 3600) / 60);
    }
    return String.format("%dd%02dh", s / 86_400, (s % 86_400) / 3600);
  }
}
