package dev.berth.web.pages;

import java.time.Clock;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.core.idle.IdleGuard;
import dev.berth.core.jobs.JobAccess;
import dev.berth.core.jobs.JobService;
import dev.berth.api.JobState;
import dev.berth.core.auth.Auth;
import dev.berth.core.auth.Role;
import dev.berth.core.errors.ConflictException;
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

  public JobPages(Pages pages, JobService jobs, JobAccess access, Clock clock, WebConfig web, IdleGuard guard,
      ObjectMapper json) {
    this.pages = pages;
    this.jobs = jobs;
    this.access = access;
    this.clock = clock;
    this.views = new JobViews(jobs, clock);
    this.utilization = new UtilizationViews(guard, json);
  }

  public void register(JavalinConfig cfg) {
    cfg.routes.get("/jobs/{id}", this::show, Role.USER);
    cfg.routes.get("/jobs/{id}/log", this::log, Role.USER);
    cfg.routes.get("/jobs/{id}/cancel", this::confirmCancel, Role.USER);
    cfg.routes.post("/jobs/{id}/cancel", this::cancel, Role.USER);
  }

  private void show(Context ctx) {
    long t0 = System.nanoTime();
    JobPage.Details details = views.details(ctx.pathParam("id"));
    if (Htmx.isPartial(ctx)) {
      pages.render(ctx, "tag/jobDetails.jte", "d", details, t0);
      return;
    }
    dev.berth.api.Job job = jobs.get(details.id());
    boolean mayRead = access.mayReadLog(Auth.principal(ctx), job);
    // What the GPUs measured of a user's work is for its owner and admins, as in the API.
    JobPage.Utilization use = Auth.principal(ctx).mayActFor(job.user()) ? utilization.of(job.id()) : null;
    JobPage.Log log = mayRead ? views.log(details.id()) : views.hiddenLog(details.id());
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

  private static String capitalise(String s) {
    return s == null || s.isEmpty() ? "" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
