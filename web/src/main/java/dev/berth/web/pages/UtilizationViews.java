package dev.berth.web.pages;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.core.idle.IdleGuard;
import dev.berth.core.idle.JobUtilization;
import dev.berth.core.idle.UtilizationPoint;
import dev.berth.web.view.JobPage;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The job page's utilisation section, from the idle guard's history of the job. */
final class UtilizationViews {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private final IdleGuard guard;
  private final ObjectMapper json;

  UtilizationViews(IdleGuard guard, ObjectMapper json) {
    this.guard = guard;
    this.json = json;
  }

  JobPage.Utilization of(String jobId) {
    JobUtilization u = guard.utilization(jobId).orElseGet(() -> guard.empty(jobId));
    List<JobPage.UtilizationRow> rows = new ArrayList<>();
    List<Long> xs = new ArrayList<>();
    List<Double> util = new ArrayList<>();
    List<Long> memory = new ArrayList<>();
    for (UtilizationPoint p : u.points()) {
      rows.add(new JobPage.UtilizationRow(TIME.format(p.from()), TIME.format(p.to()),
          String.format(Locale.ROOT, "%.1f %%", p.utilizationPercent()),
          p.memoryUsedMiB() == null ? "–" : p.memoryUsedMiB() + " MiB", p.idleSeconds() + " s"));
      xs.add(p.to().getEpochSecond());
      util.add(p.utilizationPercent());
      memory.add(p.memoryUsedMiB());
    }
    Map<String, Object> series = new LinkedHashMap<>();
    series.put("t", xs);
    series.put("utilization", util);
    series.put("memoryMiB", memory);
    series.put("threshold", u.thresholdPercent());
    String chart;
    try {
      chart = json.writeValueAsString(series);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the utilisation series", e);
    }
    return new JobPage.Utilization(u.decision() == null ? "" : u.decision(),
        String.format(Locale.ROOT, "%.2f", u.idleGpuHours()),
        String.format(Locale.ROOT, "%s %%", u.thresholdPercent()), rows, chart);
  }
}
