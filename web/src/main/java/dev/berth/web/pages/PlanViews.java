package dev.berth.web.pages;

import dev.berth.api.JobScore;
import dev.berth.api.ScoreFactor;
import dev.berth.core.jobs.JobView;
import dev.berth.core.scheduler.WaitingReason;
import dev.berth.web.support.Times;
import dev.berth.web.view.ScoreRow;
import dev.berth.web.view.WaitReason;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Turns what the scheduler planned for a queued job (reasons, start estimate, score) into the text
 * both the queue page and the job page show, so that the two always read the same.
 */
final class PlanViews {
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

  private PlanViews() {}

  static List<WaitReason> reasons(JobView v) {
    List<WaitingReason> reasons = v.waitingReasons();
    return reasons == null ? List.of()
        : reasons.stream().map(r -> new WaitReason(r.code().name(), r.message())).toList();
  }

  /**
   * "starts ≈ 14:05 (in 12 min)", or "no estimate: a job ahead has no time limit"; empty for a job
   * that is not queued. The clock reads UTC, like every time on the pages.
   */
  static String estimate(JobView v, Instant now) {
    Instant at = v.estimatedStartAt();
    if (at != null) {
      String when = at.isAfter(now) ? "in " + Times.duration(Duration.between(now, at)) : "now";
      return "starts ≈ " + CLOCK.format(at) + " (" + when + ")";
    }
    if (v.estimateNote() != null && !v.estimateNote().isBlank()) {
      return "no estimate: " + v.estimateNote();
    }
    return "";
  }

  /** The full instant of the estimate, for a tooltip; empty when there is none. */
  static String estimateStamp(JobView v) {
    return Times.stamp(v.estimatedStartAt());
  }

  /** The total, rounded to a whole point; empty under an order that does not score. */
  static String scoreTotal(JobScore score) {
    return score == null ? "" : String.format(Locale.ROOT, "%.0f", score.total());
  }

  /** One line per factor, as sprio reads: "fairshare 0.70 × 10000 = 7071.1". */
  static String scoreBreakdown(JobScore score) {
    if (score == null) {
      return "";
    }
    return score.factors().stream().map(f -> f.name() + " " + value(f) + " × " + weight(f) + " = " + points(f))
        .collect(Collectors.joining("\n"));
  }

  static List<ScoreRow> scoreRows(JobScore score) {
    return score == null ? List.of()
        : score.factors().stream().map(f -> new ScoreRow(f.name(), value(f), weight(f), points(f))).toList();
  }

  private static String value(ScoreFactor f) {
    return String.format(Locale.ROOT, "%.2f", f.value());
  }

  private static String weight(ScoreFactor f) {
    return f.weight() == Math.rint(f.weight()) ? String.format(Locale.ROOT, "%.0f", f.weight())
        : String.format(Locale.ROOT, "%.2f", f.weight());
  }

  private static String points(ScoreFactor f) {
    return String.format(Locale.ROOT, "%.1f", f.points());
  }
}
