package dev.berth.web.pages;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.core.auth.Auth;
import dev.berth.core.auth.Principal;
import dev.berth.core.auth.Role;
import dev.berth.core.errors.ValidationException;
import dev.berth.core.usage.UsageCharts;
import dev.berth.core.usage.UsageGroup;
import dev.berth.core.usage.UsageReport;
import dev.berth.core.usage.UsageService;
import dev.berth.web.view.UsagePage;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code /usage}: GPU-hours per user and day, and waits, as charts and as tables. */
public final class UsagePages {
  private final Pages pages;
  private final UsageService usage;
  private final ObjectMapper json;

  public UsagePages(Pages pages, UsageService usage, ObjectMapper json) {
    this.pages = pages;
    this.usage = usage;
    this.json = json;
  }

  public void register(JavalinConfig cfg) {
    cfg.routes.get("/usage", this::show, Role.USER);
  }

  private void show(Context ctx) throws JsonProcessingException {
    long t0 = System.nanoTime();
    Principal me = Auth.principal(ctx);
    String user = me.admin() ? null : me.username();
    String since = ctx.queryParam("since") == null ? "30d" : ctx.queryParam("since");
    UsageReport report;
    UsageCharts charts;
    try {
      report = usage.report(user, since, "user");
      charts = usage.charts(user, since);
    } catch (ValidationException e) {
      since = "30d";
      report = usage.report(user, since, "user");
      charts = usage.charts(user, since);
    }
    List<UsagePage.UserRow> users = new ArrayList<>();
    for (UsageGroup g : report.groups()) {
      users.add(new UsagePage.UserRow(g.key(), hours(g.gpuHours()), g.jobs().get("COMPLETED"), g.jobs().get("FAILED"),
          g.jobs().get("CANCELLED"), g.jobs().get("TIMED_OUT"), duration(g.waitP50Seconds()),
          duration(g.waitP95Seconds()), duration(g.runP50Seconds())));
    }
    List<UsagePage.DayRow> days = new ArrayList<>();
    for (int d = 0; d < charts.days().size(); d++) {
      List<String> cells = new ArrayList<>();
      for (int u = 0; u < charts.users().size(); u++) {
        cells.add(hours(charts.gpuHours()[u][d]));
      }
      days.add(new UsagePage.DayRow(charts.days().get(d), cells));
    }
    List<UsagePage.WaitRow> waits = new ArrayList<>();
    for (int b = 0; b < charts.waitBuckets().size(); b++) {
      waits.add(new UsagePage.WaitRow(charts.waitBuckets().get(b), charts.waitCounts()[b]));
    }
    pages.render(ctx, "usage.jte", "page", new UsagePage(pages.layout(ctx, "Usage", "usage", ""), since, user == null,
        users, charts.users(), days, waits, json.writeValueAsString(charts)), t0);
  }

  private static String hours(double h) {
    return String.format(Locale.ROOT, "%.2f", h);
  }

  /** Seconds as a person reads them: 45 s, 12 min, 3.5 h, 2.1 d; a dash for none. */
  static String duration(Double seconds) {
    if (seconds == null) {
      return "–";
    }
    double s = seconds;
    if (s < 60) {
      return String.format(Locale.ROOT, "%.0f s", s);
    }
    if (s < 3600) {
      return String.format(Locale.ROOT, "%.0f min", s / 60);
    }
    if (s < 86400) {
      return String.format(Locale.ROOT, "%.1f h", s / 3600);
    }
    return String.format(Locale.ROOT, "%.1f d", s / 86400);
  }
}
