package dev.berth.web.support;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How times and durations read on the pages: UTC timestamps and short human durations. */
public final class Times {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private Times() {}

  /** {@code 2024-05-01 12:00:03 UTC}, or an empty string for null. */
  public static String stamp(Instant at) {
    return at == null ? "" : STAMP.format(at);
  }

  /** The machine-readable form for {@code <time datetime>}. */
  public static String iso(Instant at) {
    return at == null ? "" : DateTimeFormatter.ISO_INSTANT.format(at);
  }

  /** {@code 42 s}, {@code 3 min 12 s}, {@code 2 h 05 min}, {@code 3 d 4 h}; empty when unknown. */
  public static String duration(Instant from, Instant to) {
    if (from == null || to == null) {
      return "";
    }
    return duration(Duration.between(from, to));
  }

  public static String duration(Duration d) {
    long s = Math.max(0, d.getSeconds());
    if (s < 60) {
      return s + " s";
    }
    if (s < 3600) {
      return (s / 60) + " min " + (s % 60) + " s";
    }
    if (s < 86_400) {
      return (s / 3600) + " h " + String.format("%02d", (s % 3600) / 60) + " min";
    }
    return (s / 86_400) + " d " + ((s % 86_400) / 3600) + " h";
  }
}
