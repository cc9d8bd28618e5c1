package dev.berth.core.api;

import dev.berth.core.auth.Auth;
import dev.berth.core.auth.Principal;
import dev.berth.core.auth.Role;
import dev.berth.core.usage.UsageGroup;
import dev.berth.core.usage.UsageReport;
import dev.berth.core.usage.UsageService;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /api/v1/usage?since=30d&by=user|template|day}: GPU-hours, job ends, waits and run
 * times per group. Users get their own jobs' figures, admins everyone's; {@code Accept: text/csv}
 * gives a CSV with one row per group.
 */
final class UsageApi {
  private static final List<String> ENDS = List.of("COMPLETED", "FAILED", "CANCELLED", "TIMED_OUT");
  private final UsageService usage;

  UsageApi(UsageService usage) {
    this.usage = usage;
  }

  void register(JavalinConfig cfg) {
    cfg.routes.get("/api/v1/usage", this::get, Role.USER);
  }

  private void get(Context ctx) {
    Principal caller = Auth.principal(ctx);
    UsageReport report = usage.report(caller.admin() ? null : caller.username(), ctx.queryParam("since"),
        ctx.queryParam("by"));
    String accept = ctx.header("Accept");
    if (accept != null && accept.toLowerCase(Locale.ROOT).contains("text/csv")) {
      ctx.contentType("text/csv; charset=utf-8").result(csv(report));
      return;
    }
    ctx.json(json(report));
  }

  static Map<String, Object> json(UsageReport r) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("since", r.since().toString());
    out.put("until", r.until().toString());
    out.put("by", r.by());
    List<Map<String, Object>> groups = new ArrayList<>();
    for (UsageGroup g : r.groups()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("key", g.key());
      m.put("gpuHours", g.gpuHours());
      m.put("idleGpuHours", g.idleGpuHours());
      m.put("jobs", g.jobs());
      m.put("waitP50Seconds", g.waitP50Seconds());
      m.put("waitP95Seconds", g.waitP95Seconds());
      m.put("runP50Seconds", g.runP50Seconds());
      if (g.fairShareGpuHours() != null) {
        m.put("fairShareGpuHours", g.fairShareGpuHours());
      }
      groups.add(m);
    }
    out.put("groups", groups);
    return out;
  }

  static String csv(UsageReport r) {
    boolean fairShare = r.groups().stream().anyMatch(g -> g.fairShareGpuHours() != null);
    StringBuilder b = new StringBuilder(r.by()).append(",gpuHours,idleGpuHours");
    ENDS.forEach(s -> b.append(",").append(s.toLowerCase(Locale.ROOT)));
    b.append(",waitP50Seconds,waitP95Seconds,runP50Seconds").append(fairShare ? ",fairShareGpuHours" : "").append("\r\n");
    for (UsageGroup g : r.groups()) {
      b.append(cell(g.key())).append(",").append(g.gpuHours()).append(",").append(num(g.idleGpuHours()));
      ENDS.forEach(s -> b.append(",").append(g.jobs().getOrDefault(s, 0L)));
      b.append(",").append(num(g.waitP50Seconds())).append(",").append(num(g.waitP95Seconds())).append(",")
          .append(num(g.runP50Seconds()));
      if (fairShare) {
        b.append(",").append(num(g.fairShareGpuHours()));
      }
      b.append("\r\n");
    }
    return b.toString();
  }

  private static String num(Double v) {
    return v == null ? "" : v.toString();
  }

  /** A user or template name as one CSV cell; a leading = + - @ cannot start a spreadsheet formula. */
  private static String cell(String s) {
    String v = s == null ? "" : s;
    if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
      v = "'" + v;
    }
    return v.contains(",") || v.contains("\"") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
  }
}
