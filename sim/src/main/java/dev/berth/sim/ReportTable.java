package dev.berth.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** The reports side by side, one column per configuration, one row per figure. */
final class ReportTable {
  private ReportTable() {}

  static String render(List<Report> reports) {
    List<String[]> rows = new ArrayList<>();
    rows.add(row("", reports, Report::config));
    rows.add(row("jobs", reports, r -> r.jobs() + (r.unschedulable() > 0 ? " (" + r.unschedulable()
        + " unschedulable)" : "") + (r.neverStarted() > 0 ? " (" + r.neverStarted() + " never started)" : "")));
    rows.add(row("JCT mean", reports, r -> duration(r.meanJct())));
    rows.add(row("JCT p50", reports, r -> duration(r.p50Jct())));
    rows.add(row("JCT p95", reports, r -> duration(r.p95Jct())));
    rows.add(row("JCT p99", reports, r -> duration(r.p99Jct())));
    rows.add(row("queueing delay mean", reports, r -> duration(r.meanWait())));
    rows.add(row("queueing delay p95", reports, r -> duration(r.p95Wait())));
    rows.add(row("max wait", reports, r -> duration(r.maxWait())));
    rows.add(row("makespan", reports, r -> duration(r.makespan())));
    rows.add(row("GPU utilisation", reports, r -> String.format(Locale.ROOT, "%.1f %%", 100 * r.utilisation())));
    rows.add(row("Jain's fairness (slowdown)", reports, r -> String.format(Locale.ROOT, "%.3f", r.jain())));
    rows.add(row("killed at their limit", reports, r -> String.valueOf(r.timedOut())));
    rows.add(row("start estimate error (MAE)", reports, r -> (r.estimateMae() == null ? "-"
        : duration(r.estimateMae())) + " (" + r.estimatesMeasured() + " jobs" + (r.estimateEvery() > 1
        ? ", every " + r.estimateEvery() + "th" : "") + (r.estimatesMissing() > 0 ? ", " + r.estimatesMissing()
        + " without" : "") + ")"));
    rows.add(row("simulated in", reports, r -> String.format(Locale.ROOT, "%.2f s (%,.0f jobs/s)", r.wallSeconds(),
        r.jobsPerSecond())));
    int[] width = new int[reports.size() + 1];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(i == 0 ? String.format("%-" + width[0] + "s", row[0])
            : "  " + String.format("%" + width[i] + "s", row[i]));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  private static String[] row(String label, List<Report> reports, Function<Report, String> cell) {
    String[] row = new String[reports.size() + 1];
    row[0] = label;
    for (int i = 0; i < reports.size(); i++) {
      row[i + 1] = cell.apply(reports.get(i));
    }
    return row;
  }

  /** 42s, 12m05s, 3h07m, 2d04h: two units are enough to compare. */
  static String duration(double seconds) {
    long s = Math.round(seconds);
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
    if (s < 86_400) {
      return String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
    }
    return String.format(Locale.ROOT, "%dd%02dh", s / 86_400, s % 86_400 / 3600);
  }
}
