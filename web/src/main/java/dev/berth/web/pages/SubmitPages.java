package dev.berth.web.pages;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.core.jobs.JobAccess;
import dev.berth.core.jobs.JobService;
import dev.berth.core.auth.Role;
import dev.berth.core.errors.ValidationException;
import dev.berth.core.flow.ArrayView;
import dev.berth.core.flow.FlowAccess;
import dev.berth.core.flow.SubmissionRequest;
import dev.berth.core.jobs.JobView;
import dev.berth.web.support.Flash;
import dev.berth.web.support.Htmx;
import dev.berth.web.view.SubmitPage;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /submit} shows the form; {@code POST /jobs} queues the job through the same validation
 * as the API. A plain form post is answered 303 to the job page, or the form again with inline
 * errors (422); htmx swaps only the form. ({@code POST /submit} stays the reference design's API.)
 */
public final class SubmitPages {
  private static final int MAX_FIELD_LENGTH = 8192;

  private final Pages pages;
  private final JobService jobs;
  private final JobAccess access;
  private final String defaultTemplate;
  private final ObjectMapper json;
  private final SubmitForms forms;

  private final FlowAccess flows;

  public SubmitPages(Pages pages, JobService jobs, JobAccess access, FlowAccess flows, String defaultTemplate,
      ObjectMapper json) {
    this.pages = pages;
    this.flows = flows;
    this.jobs = jobs;
    this.access = access;
    this.defaultTemplate = defaultTemplate;
    this.json = json;
    this.forms = new SubmitForms(jobs, defaultTemplate, json);
  }

  public void register(JavalinConfig cfg) {
    cfg.routes.get("/submit", this::show, Role.USER);
    cfg.routes.post("/jobs", this::submit, Role.USER);
  }

  /** The form, filled from the query (the template switch sends the form's values along). */
  private void show(Context ctx) {
    long t0 = System.nanoTime();
    Map<String, String> values = fields(ctx.queryParamMap());
    if (!values.containsKey("user")) {
      values.put("user", dev.berth.core.auth.Auth.principal(ctx).username());
    }
    respond(ctx, forms.form(values, List.of()), t0);
  }

  private void submit(Context ctx) {
    long t0 = System.nanoTime();
    Map<String, String> values = fields(ctx.formParamMap());
    SubmissionRequest request;
    try {
      var who = dev.berth.core.auth.Auth.principal(ctx);
      request = jobs.parseRequest(access.checkedSubmission(who, forms.toJson(values)));
      flows.checkDependencies(request.base().flow().dependsOn());
      access.checkQueueLimit(request.base().user(), request.size());
    } catch (ValidationException e) {
      ctx.status(422);
      respond(ctx, forms.form(values, e.errors()), t0);
      return;
    } catch (dev.berth.core.errors.ForbiddenException e) {
      ctx.status(422);
      respond(ctx, forms.form(values, List.of(new dev.berth.core.errors.FieldError("user", e.getMessage()))), t0);
      return;
    } catch (dev.berth.core.errors.TooManyRequestsException e) {
      ctx.status(422);
      respond(ctx, forms.form(values, List.of(new dev.berth.core.errors.FieldError("limits", e.getMessage()))), t0);
      return;
    }
    if (request.isArray()) {
      ArrayView array = ArrayView.of(jobs.submitArray(request));
      Flash.ok("Array #" + array.arrayId() + " queued: " + array.size() + " jobs"
          + (array.maxRunning() == null ? "" : ", at most " + array.maxRunning() + " running at once") + ".").store(ctx);
      Htmx.redirect(ctx, "/arrays/" + array.arrayId());
      return;
    }
    JobView job = jobs.submit(request.base());
    Flash.ok("Job #" + job.id() + (job.state() == dev.berth.api.JobState.HELD ? " queued HELD; release it to let it start."
        : " queued at position " + job.position() + ".")).store(ctx);
    Htmx.redirect(ctx, "/jobs/" + job.id());
  }

  private void respond(Context ctx, SubmitPage.Form form, long t0) {
    if (Htmx.isPartial(ctx)) {
      pages.render(ctx, "tag/submitForm.jte", "form", form, t0);
    } else {
      pages.render(ctx, "submit.jte", "page", new SubmitPage(pages.layout(ctx, "Submit a job", "submit", ""), form), t0);
    }
  }

  /** The first value of each field, clipped: the validation reports what is too long. */
  private static Map<String, String> fields(Map<String, List<String>> raw) {
    Map<String, String> out = new LinkedHashMap<>();
    raw.forEach((k, v) -> {
      if (!v.isEmpty() && k.length() <= 200) {
        String value = v.get(0);
        out.put(k, value.length() > MAX_FIELD_LENGTH ? value.substring(0, MAX_FIELD_LENGTH) : value);
      }
    });
    return out;
  }
}
