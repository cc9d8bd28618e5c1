package dev.berth.web.pages;

import java.time.Clock;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.core.idle.IdleGuard;
import dev.berth.core.jobs.JobAccess;
import dev.berth.core.jobs.JobService;
import dev.berth.api.JobState;
import dev.berth.core.auth.Auth;
import dev.berth.core.auth.Role;
import dev.berth.core.auth.Principal;
import dev.berth.core.errors.ConflictException;
import dev.berth.core.errors.TooManyRequestsException;
import dev.berth.core.errors.ValidationException;
import dev.berth.core.flow.FlowAccess;
import dev.berth.core.flow.JobFlowService;
import dev.berth.core.flow.SubmissionRequest;
import dev.berth.core.jobs.JobView;
import dev.berth.web.WebConfig;
import dev.berth.web.support.Flash;
import dev.berth.web.support.Htmx;
import dev.berth.web.view.CancelPage;
import dev.berth.web.view.JobPage;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

/**
 * {@code /jobs/{id}}: the job with its timeline and live log; its log tail for the poller; and
 * cancel, confirmed by a dialog (htmx) or a confirmation page (no JavaScript).
 */
public final class JobPages {
  /** htmx stops polling when answered with this status. */
  private static final int STOP_POLLING = 286;

  private final Pages pages;
  private final JobService jobs;
  private final JobAccess access;
  private final Clock clock;
  private final JobViews views;
  private final UtilizationViews utilization;

  private final FlowAccess flows;

  public JobPages(Pages pages, JobService jobs, JobAccess access, JobFlowService flowService, FlowAccess flows,
      Clock clock, WebConfig web, IdleGuard guard, ObjectMapper json) {
    this.pages = pages;
    this.jobs = jobs;
    this.access = access;
    this.flows = flows;
    this.clock = clock;
    this.views = new JobViews(jobs, flowService, clock);
    this.utilization = new UtilizationViews(guard, json);
  }

  public void register(JavalinConfig cfg) {
    cfg.routes.get("/jobs/{id}", this::show, Role.USER);
    cfg.routes.get("/jobs/{id}/log", this::log, Role.USER);
    cfg.routes.get("/jobs/{id}/cancel", this::confirmCancel, Role.USER);
    cfg.routes.post("/jobs/{id}/cancel", this::cancel, Role.USER);
    cfg.routes.post("/jobs/{id}/hold", this::hold, Role.USER);
    cfg.routes.post("/jobs/{id}/release", this::release, Role.USER);
    cfg.routes.post("/jobs/{id}/resubmit", this::resubmit, Role.USER);
  }

  private void show(Context ctx) {
    long t0 = System.nanoTime();
    JobPage.Details details = views.details(ctx.pathParam("id"), Auth.principal(ctx), Auth.csrfToken(ctx));
    if (Htmx.isPartial(ctx)) {
      pages.render(ctx, "tag/jobDetails.jte", "d", details, t0);
      return;
    }
    dev.berth.api.Job job = jobs.get(details.id());
    boolean mayRead = access.mayReadLog(Auth.principal(ctx), job);
    // What the GPUs measured of a user's work is for its owner and admins, as in the API.
    JobPage.Utilization use = Auth.principal(ctx).mayActFor(job.user()) ? utilization.of(job.id()) : null;
    JobPage.Log log = mayRead ? views.log(details.id(), attempt(ctx)) : views.hiddenLog(details.id());
    String topics = "job-" + details.id() + (JobState.QUEUED.name().equals(details.state()) ? ",queue" : "");
    String title = "Job #" + details.id() + " " + details.name();
    pages.render(ctx, "job.jte", "page", new JobPage(pages.layout(ctx, title, "", topics), details, log, use), t0);
  }

  private void log(Context ctx) {
    long t0 = System.nanoTime();
    access.readableLog(Auth.principal(ctx), ctx.pathParam("id"));
    JobPage.Log log = views.log(ctx.pathParam("id"));
    pages.render(ctx, "tag/logText.jte", "log", log, t0);
    if (!log.follow()) {
      ctx.status(STOP_POLLING);
    }
  }

  private void confirmCancel(Context ctx) {
    long t0 = System.nanoTime();
    var job = jobs.get(ctx.pathParam("id"));
    if (!access.mayCancel(Auth.principal(ctx), job)) {
      throw new dev.berth.core.errors.ForbiddenException("job " + job.id() + " belongs to '" + job.user()
          + "'; you may cancel only your own jobs");
    }
    if (job.state().isTerminal()) {
      Flash.error("Job #" + job.id() + " already ended: " + job.state() + ".").store(ctx);
      Htmx.redirect(ctx, "/jobs/" + job.id());
      return;
    }
    CancelPage page = new CancelPage(pages.layout(ctx, "Cancel job #" + job.id() + "?", "", ""), job.id(), job.name(),
        job.state().name());
    pages.render(ctx, "cancel.jte", "page", page, t0);
  }

  private void cancel(Context ctx) {
    String id = ctx.pathParam("id");
    try {
      JobView after = access.cancel(Auth.principal(ctx), id);
      if (after.state() == JobState.CANCELLED) {
        Flash.ok("Job #" + id + " cancelled.").store(ctx);
      } else {
        Flash.ok("Job #" + id + " is being stopped; it turns CANCELLED when its process has ended.").store(ctx);
      }
    } catch (dev.berth.core.errors.ForbiddenException e) {
      throw e;
    } catch (ConflictException e) {
      Flash.error(capitalise(e.getMessage()) + ".").store(ctx);
    }
    Htmx.redirect(ctx, "/jobs/" + id);
  }

  private void hold(Context ctx) {
    String id = ctx.pathParam("id");
    try {
      flows.hold(Auth.principal(ctx), id);
      Flash.ok("Job #" + id + " is held: it keeps its place and starts only once released.").store(ctx);
    } catch (ConflictException e) {
      Flash.error(capitalise(e.getMessage()) + ".").store(ctx);
    }
    Htmx.redirect(ctx, "/jobs/" + id);
  }

  private void release(Context ctx) {
    String id = ctx.pathParam("id");
    try {
      flows.release(Auth.principal(ctx), id);
      Flash.ok("Job #" + id + " is released: queued again at its old place.").store(ctx);
    } catch (ConflictException e) {
      Flash.error(capitalise(e.getMessage()) + ".").store(ctx);
    }
    Htmx.redirect(ctx, "/jobs/" + id);
  }

  /** Queues the job's own submission again, as {@code POST /api/v1/jobs/{id}/resubmit} with no overrides. */
  private void resubmit(Context ctx) {
    String id = ctx.pathParam("id");
    Principal who = Auth.principal(ctx);
    JobView queued;
    try {
      SubmissionRequest request = jobs.parseRequest(access.submission(who, flows.resubmission(who, id, null)));
      access.checkQueueLimit(request.base().user(), 1);
      queued = jobs.submit(request.base());
    } catch (ValidationException | TooManyRequestsException e) {
      // The job's own submission no longer passes (a template gone, a limit reached): say why here.
      Flash.error("Job #" + id + " was not resubmitted: " + e.getMessage()).store(ctx);
      Htmx.redirect(ctx, "/jobs/" + id);
      return;
    }
    flows.resubmitted(who, id, queued.job());
    Flash.ok("Job #" + id + " resubmitted as job #" + queued.id() + ".").store(ctx);
    Htmx.redirect(ctx, "/jobs/" + queued.id());
  }

  /** The {@code attempt} whose log to show; null for the latest. A bad value is a 400 naming it. */
  private static Integer attempt(Context ctx) {
    String raw = ctx.queryParam("attempt");
    if (raw == null || raw.isBlank()) {
      return null;
    }
    if (!raw.matches("[0-9]{1,2}")) {
      throw ValidationException.of("attempt", "must be a whole number from 1 to 11");
    }
    return Integer.parseInt(raw);
  }

  private static String capitalise(String s) {
    return s == null || s.isEmpty() ? "" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
