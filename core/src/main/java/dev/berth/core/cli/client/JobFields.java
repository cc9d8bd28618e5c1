package dev.berth.core.cli.client;

import java.time.Duration;
import java.time.Instant;

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
      return reason.asText();
    }
    return "";
  }

  /** When the server estimates the start, as a short time from now; "-" when it gives none. */
  static String estimatedStart(Node job, Instant now) {
    Instant at = instant(job, "estimatedStartAt");
    if (at == null) {
      return "-";
    }
    return at.isAfter(now) ? "in " + Durations.brief(Duration.between(now, at)) : "now";
  }
}
