package dev.berth.core.cli.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads the fields of a job object of the API the way the tables show them. */
final class JobFields {
  private JobFields() {}

  static String text(Node job, String field) {
    return job.path(field).asText("");
  }

  static Instant instant(Node job, String field) {
    return Instants.parse(text(job, field));
  }

  /** How long it waited: from submission to start, or to now while it has not started. */
  static String waited(Node job, Instant now) {
    Instant from = instant(job, "submittedAt");
    if (from == null) {
      return "-";
    }
    Instant to = instant(job, "startedAt");
    if (to == null) {
      to = instant(job, "scheduledAt");
    }
    if (to == null) {
      to = instant(job, "finishedAt");
    }
    return Durations.brief(Duration.between(from, to == null ? now : to));
  }

  /** How long it ran: from start to end, or to now while it runs; "-" when it never started. */
  static String ran(Node job, Instant now) {
    Instant from = instant(job, "startedAt");
    if (from == null) {
      return "-";
    }
    Instant to = instant(job, "finishedAt");
    return Durations.brief(Duration.between(from, to == null ? now : to));
  }

  static String firstReason(Node job) {
    for (Node reason : job.path("waitingReasons")) {
      return reason(reason);
    }
    return "";
  }

  /**
   * One reason as {@code CODE  message}. A reason of an older server, a bare string, prints as it
   * came.
   */
  static String reason(Node reason) {
    if (!reason.isObject()) {
      return reason.asText();
    }
    String code = reason.path("code").asText("");
    String message = reason.path("message").asText("");
    return code.isEmpty() ? message : code + "  " + message;
  }

  /** When the server estimates the start, as a short time from now; "-" when it gives none. */
  static String estimatedStart(Node job, Instant now) {
    Instant at = instant(job, "estimatedStartAt");
    if (at == null) {
      return "-";
    }
    return at.isAfter(now) ? "in " + Durations.brief(Duration.between(now, at)) : "now";
  }

  /**
   * The estimate in full: {@code starts in 12m (2026-01-01T14:05:00Z)}, {@code no estimate: <note>},
   * or null when the server says nothing (a job that is not queued).
   */
  static String estimate(Node job, Instant now) {
    Instant at = instant(job, "estimatedStartAt");
    if (at != null) {
      return "starts " + estimatedStart(job, now) + " (" + at + ")";
    }
    String note = job.path("estimateNote").asText("");
    return note.isEmpty() ? null : "no estimate: " + note;
  }

  /** The score's total, rounded; "-" under an order that does not score. */
  static String scoreTotal(Node job) {
    Node score = job.path("score");
    return score.isObject() ? String.format(Locale.ROOT, "%.0f", score.path("total").asDouble()) : "-";
  }

  /**
   * One line per factor of the score, as {@code sprio} shows them:
   * {@code fairshare  0.70 × 10000 = 7071.1}; empty when the job has no score.
   */
  static List<String> scoreLines(Node job) {
    List<String> lines = new ArrayList<>();
    for (Node f : job.path("score").path("factors")) {
      double value = f.path("value").asDouble();
      double weight = f.path("weight").asDouble();
      double points = f.has("points") ? f.path("points").asDouble() : value * weight;
      lines.add(String.format(Locale.ROOT, "%-10s %6.2f × %-7s = %.1f", f.path("name").asText(), value,
          weight == Math.rint(weight) ? String.format(Locale.ROOT, "%.0f", weight) : String.valueOf(weight), points));
    }
    return lines;
  }
}
