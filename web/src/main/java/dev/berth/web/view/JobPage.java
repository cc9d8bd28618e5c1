package dev.berth.web.view;

import java.util.List;

/**
 * One job: every field, its history as a timeline, the log tail, its GPU utilisation (null for
 * whoever may not see it) and what may be done to it.
 */
public record JobPage(Layout layout, Details details, Log log, Utilization utilization) {

  /**
   * The idle guard's measurements of the job's GPUs, as a chart and the same figures as a table.
   *
   * @param decision the guard's last word ("in use", "idle for 12 min, …"); empty before any sample
   * @param chartJson the series for {@code /ui/job-utilization.js}: epoch seconds, percent, MiB
   */
  public record Utilization(String decision, String idleGpuHours, String threshold, List<UtilizationRow> rows,
      String chartJson) {}

  /** One stretch of the history. */
  public record UtilizationRow(String from, String to, String utilization, String memory, String idle) {}

  /**
   * The part that refreshes when the job changes.
   *
   * @param position place in the queue while QUEUED, else null
   * @param estimate "starts ≈ 14:05 (in 12 min)" or "no estimate: …" while QUEUED, else empty
   * @param score the total under an order that scores, else empty
   * @param scoreRows its factors, for the breakdown table
   * @param cancellable whether the cancel button shows: the job has not ended
   * @param stopping a RUNNING job whose cancel was asked and is being carried out
   * @param runUrl the job's run in the active executor's own UI, or null when it offers none
   * @param runLabel the text of the link to {@code runUrl}
   */
  public record Details(
      String id, String name, String user, String template, List<Field> parameters, int gpus, int priority,
      String state, String submittedAt, String scheduledAt, String startedAt, String finishedAt, String duration,
      String placement, String exitCode, String message, String executorRef, Long position,
      List<WaitReason> waitingReasons, String estimate, String estimateAt, String score, List<ScoreRow> scoreRows,
      List<Event> events, boolean cancellable, String runUrl, String runLabel, String timeLimit) {}

  /** A name and a value. */
  public record Field(String name, String value) {}

  /** One state change. */
  public record Event(long sequence, String at, String atIso, String from, String to, String actor, String message) {}

  /**
   * The log tail.
   *
   * @param follow true while the job can still write to it: the page polls for more
   */
  public record Log(String jobId, String text, boolean follow, int lines) {}
}
