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
      List<Event> events, boolean cancellable, String runUrl, String runLabel, String timeLimit, Flow flow) {}

  /**
   * Where the job stands among others, and the buttons that apply to it and its viewer.
   *
   * @param arrayId its array's id, or empty outside an array
   * @param attempt "2 of 3" for a job that may be retried or was resubmitted as its next attempt; else empty
   * @param holdable a QUEUED job, and the viewer owns it or is an admin
   * @param releasable a HELD job, and the viewer owns it or is an admin
   * @param resubmittable the viewer owns it or is an admin
   * @param csrf the token the buttons' forms post
   */
  public record Flow(List<Dependency> dependsOn, String arrayId, String arrayIndex, String attempt,
      boolean holdable, boolean releasable, boolean resubmittable, String csrf) {}

  /** A job this one waits for, with the end it waits for and where that job is now. */
  public record Dependency(String jobId, String when, String state) {}

  /** A name and a value. */
  public record Field(String name, String value) {}

  /** One state change. */
  public record Event(long sequence, String at, String atIso, String from, String to, String actor, String message) {}

  /**
   * The log tail.
   *
   * @param follow true while the job can still write to it: the page polls for more
   * @param attempt whose log this is (1 for a job run once)
   * @param attempts how many attempts the job has had; each keeps its log
   */
  public record Log(String jobId, String text, boolean follow, int lines, int attempt, int attempts) {

    public Log(String jobId, String text, boolean follow, int lines) {
      this(jobId, text, follow, lines, 1, 1);
    }

    /** Each attempt's number, for the links to their logs. */
    public List<Integer> attemptNumbers() {
      return java.util.stream.IntStream.rangeClosed(1, attempts).boxed().toList();
    }
  }
}
