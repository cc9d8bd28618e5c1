package dev.berth.web.view;

import java.util.List;

/**
 * The usage page: the tables a reader without JavaScript gets, and the same figures as JSON for
 * the charts.
 *
 * @param since the window, such as {@code 30d}
 * @param everyone whether the figures cover every user (an admin) or the reader's own jobs
 * @param users one row per user
 * @param users2 the user names, the columns of {@code days}
 * @param days GPU-hours per UTC day, one cell per user in {@code users2}'s order
 * @param waits the wait distribution, one row per bucket
 * @param chartsJson the charts' series for {@code /ui/usage.js}
 */
public record UsagePage(Layout layout, String since, boolean everyone, List<UserRow> users, List<String> users2,
    List<DayRow> days, List<WaitRow> waits, String chartsJson) {

  /** One user's figures; times already formatted. */
  public record UserRow(String user, String gpuHours, long completed, long failed, long cancelled, long timedOut,
      String waitP50, String waitP95, String runP50) {}

  public record DayRow(String day, List<String> gpuHours) {}

  public record WaitRow(String bucket, long jobs) {}
}
