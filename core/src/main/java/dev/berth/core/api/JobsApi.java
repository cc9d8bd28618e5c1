package dev.berth.core.api;

import dev.berth.api.JobPage;
import dev.berth.api.JobQuery;
import dev.berth.api.JobState;
import dev.berth.core.auth.Auth;
import dev.berth.core.auth.Principal;
import dev.berth.core.auth.Role;
import dev.berth.core.errors.FieldError;
import dev.berth.core.errors.ValidationException;
import dev.berth.core.jobs.HistoryExport;
import dev.berth.core.jobs.JobView;
import dev.berth.core.jobs.JobAccess;
import dev.berth.core.jobs.JobService;
import dev.berth.core.flow.ArrayView;
import dev.berth.core.flow.FlowAccess;
import dev.berth.core.flow.JobFlowService;
import dev.berth.core.flow.SubmissionRequest;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/v1/jobs}: submit (a job, an array, a sweep), list, show, change (time limit), history,
 * history export, cancel, logs, hold, release, resubmit; and {@code /api/v1/arrays}.
 */
final class JobsApi {
  private final JobService jobs;
  private final JobAccess access;
  private final FlowAccess flows;
  private final JobFlowService flowService;
  private final RequestBodies bodies;

  JobsApi(JobService jobs, JobAccess access, FlowAccess flows, JobFlowService flowService, RequestBodies bodies) {
    this.jobs = jobs;
    this.access = access;
    this.flows = flows;
    this.flowService = flowService;
    this.bodies = bodies;
  }

  void register(JavalinConfig cfg) {
    cfg.routes.post("/api/v1/jobs", this::submit, Role.USER);
    cfg.routes.get("/api/v1/jobs", this::list, Role.USER);
    // Before /{id}: "export" is no job id.
    cfg.routes.get("/api/v1/jobs/export", this::export, Role.ADMIN);
    cfg.routes.get("/api/v1/jobs/{id}", ctx -> ctx.json(jobs.view(ctx.pathParam("id"))), Role.USER);
    cfg.routes.patch("/api/v1/jobs/{id}", this::patch, Role.USER);
    cfg.routes.get("/api/v1/jobs/{id}/events", ctx -> ctx.json(Map.of("events", jobs.events(ctx.pathParam("id")))), Role.USER);
    cfg.routes.post("/api/v1/jobs/{id}/cancel", this::cancel, Role.USER);
    cfg.routes.get("/api/v1/jobs/{id}/logs", this::logs, Role.USER);
    cfg.routes.post("/api/v1/jobs/{id}/hold", ctx -> ctx.json(flows.hold(Auth.principal(ctx), ctx.pathParam("id"))),
        Role.USER);
    cfg.routes.post("/api/v1/jobs/{id}/release",
        ctx -> ctx.json(flows.release(Auth.principal(ctx), ctx.pathParam("id"))), Role.USER);
    cfg.routes.post("/api/v1/jobs/{id}/resubmit", this::resubmit, Role.USER);
    cfg.routes.get("/api/v1/arrays/{id}", ctx -> ctx.json(flowService.array(ctx.pathParam("id"))), Role.USER);
    cfg.routes.post("/api/v1/arrays/{id}/cancel",
        ctx -> ctx.json(flows.cancelArray(Auth.principal(ctx), ctx.pathParam("id"))), Role.USER);
    cfg.routes.get("/api/v1/queue", ctx -> ctx.json(jobs.queue(intParam(ctx, "limit", 100, 1, 1000))), Role.USER);
  }

  private void submit(Context ctx) {
    String dryRun = ctx.queryParam("dryRun");
    if (dryRun != null && !dryRun.equals("false")) {
      if (!dryRun.equals("true")) {
        throw ValidationException.of("dryRun", "must be true or false");
      }
      var preview = jobs.preview(access.submission(Auth.principal(ctx), bodies.json(ctx)));
      ctx.contentType(preview.mediaType() + "; charset=utf-8").result(preview.text());
      return;
    }
    Principal who = Auth.principal(ctx);
    queue(ctx, who, access.submission(who, bodies.json(ctx)));
  }

  /** Queues a job, an array or a sweep, and answers 201 with where to find it. */
  private List<dev.berth.api.Job> queue(Context ctx, Principal who, com.fasterxml.jackson.databind.JsonNode body) {
    SubmissionRequest request = jobs.parseRequest(body);
    flows.checkDependencies(request.base().flow().dependsOn());
    access.checkQueueLimit(request.base().user(), request.size());
    if (!request.isArray()) {
      JobView job = jobs.submit(request.base());
      ctx.status(201).header("Location", "/api/v1/jobs/" + job.id()).json(job);
      return List.of(job.job());
    }
    List<dev.berth.api.Job> queued = jobs.submitArray(request);
    ArrayView array = ArrayView.of(queued);
    ctx.status(201).header("Location", "/api/v1/arrays/" + array.arrayId()).json(array);
    return queued;
  }

  private void resubmit(Context ctx) {
    Principal who = Auth.principal(ctx);
    String id = ctx.pathParam("id");
    com.fasterxml.jackson.databind.JsonNode overrides = bodies.optionalJson(ctx);
    var body = flows.resubmission(who, id, overrides);
    List<dev.berth.api.Job> queued = queue(ctx, who, access.submission(who, body));
    flows.resubmitted(who, id, queued.get(0));
  }

  private void list(Context ctx) {
    List<FieldError> errors = new ArrayList<>();
    Set<JobState> states = EnumSet.noneOf(JobState.class);
    String raw = ctx.queryParam("state");
    if (raw != null && !raw.isBlank()) {
      for (String s : raw.split(",")) {
        try {
          states.add(JobState.valueOf(s.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          errors.add(new FieldError("state", "unknown state '" + s.trim() + "'; states: " + List.of(JobState.values())));
        }
      }
    }
    String user = ctx.queryParam("user");
    String order = ctx.queryParam("order");
    if (order != null && !order.equals("oldest") && !order.equals("newest")) {
      errors.add(new FieldError("order", "must be oldest or newest"));
    }
    int limit = intParam(ctx, "limit", 50, 1, 1000);
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    JobQuery query = new JobQuery(states, user == null || user.isBlank() ? null : user, limit,
        ctx.queryParam("cursor"), "oldest".equals(order));
    JobPage page;
    try {
      page = jobs.list(query);
    } catch (IllegalArgumentException e) {
      throw ValidationException.of("cursor", "is not a cursor this server gave out");
    }
    List<JobView> jobs = page.jobs().stream().map(JobView::of).toList();
    java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
    body.put("jobs", jobs);
    body.put("next", page.next());
    ctx.json(body);
  }

  /** Finished jobs of the last {@code since} (default 30d) as JSON lines, for {@code berth simulate --format berth}. */
  private void export(Context ctx) {
    String since = ctx.queryParam("since");
    List<dev.berth.api.Job> finished = jobs.finishedWithin(HistoryExport.parseSince(since == null ? "30d" : since));
    StringBuilder out = new StringBuilder();
    for (dev.berth.api.Job j : finished) {
      out.append(ctx.jsonMapper().toJsonString(HistoryExport.line(j), Map.class)).append('\n');
    }
    ctx.contentType("application/x-ndjson").result(out.toString());
  }

  private void cancel(Context ctx) {
    JobView job = access.cancel(Auth.principal(ctx), ctx.pathParam("id"));
    ctx.status(job.state() == JobState.CANCELLED ? 200 : 202).json(job);
  }

  private void patch(Context ctx) {
    ctx.json(access.changeTimeLimit(Auth.principal(ctx), ctx.pathParam("id"), bodies.json(ctx)));
  }

  private void logs(Context ctx) {
    int tail = intParam(ctx, "tail", 200, 1, 100_000);
    access.readableLog(Auth.principal(ctx), ctx.pathParam("id"));
    String attempt = ctx.queryParam("attempt");
    String text = attempt == null || attempt.isBlank() ? jobs.tailLog(ctx.pathParam("id"), tail)
        : jobs.tailLog(ctx.pathParam("id"), tail, intParam(ctx, "attempt", 1, 1, 11));
    ctx.contentType("text/plain; charset=utf-8").result(text);
  }

  static int intParam(Context ctx, String name, int fallback, int min, int max) {
    String raw = ctx.queryParam(name);
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    try {
      int v = Integer.parseInt(raw.trim());
      if (v >= min && v <= max) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ValidationException.of(name, "must be a whole number from " + min + " to " + max);
  }
}
