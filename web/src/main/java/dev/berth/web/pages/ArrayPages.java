package dev.berth.web.pages;

import dev.berth.api.Job;
import dev.berth.core.auth.Auth;
import dev.berth.core.auth.Principal;
import dev.berth.core.auth.Role;
import dev.berth.core.flow.ArrayView;
import dev.berth.core.flow.FlowAccess;
import dev.berth.core.flow.JobFlowService;
import dev.berth.core.jobs.JobView;
import dev.berth.web.support.Flash;
import dev.berth.web.support.Htmx;
import dev.berth.web.view.ArrayPage;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** {@code /arrays/{id}}: an array or sweep with its jobs, and cancelling all of them at once. */
public final class ArrayPages {
  private final Pages pages;
  private final JobFlowService flows;
  private final FlowAccess access;

  public ArrayPages(Pages pages, JobFlowService flows, FlowAccess access) {
    this.pages = pages;
    this.flows = flows;
    this.access = access;
  }

  public void register(JavalinConfig cfg) {
    cfg.routes.get("/arrays/{id}", this::show, Role.USER);
    cfg.routes.post("/arrays/{id}/cancel", this::cancel, Role.USER);
  }

  private void show(Context ctx) {
    long t0 = System.nanoTime();
    ArrayView array = flows.array(ctx.pathParam("id"));
    Principal who = Auth.principal(ctx);
    List<ArrayPage.Count> counts = array.counts().entrySet().stream()
        .map(e -> new ArrayPage.Count(e.getKey().name(), e.getValue())).toList();
    List<ArrayPage.Member> members = array.jobs().stream().map(ArrayPages::member).toList();
    ArrayPage page = new ArrayPage(pages.layout(ctx, "Array #" + array.arrayId() + " " + array.name(), "", "queue"),
        array.arrayId(), array.name(), array.user(), array.size(), cap(array.maxRunning()), counts, members,
        !array.done() && who.mayActFor(array.user()));
    pages.render(ctx, "array.jte", "page", page, t0);
  }

  private void cancel(Context ctx) {
    ArrayView after = access.cancelArray(Auth.principal(ctx), ctx.pathParam("id"));
    Flash.ok("Array #" + after.arrayId() + ": every job that had not ended is cancelled or being stopped.").store(ctx);
    Htmx.redirect(ctx, "/arrays/" + after.arrayId());
  }

  static String cap(Integer maxRunning) {
    return maxRunning == null ? "no cap" : "at most " + maxRunning + " running at once";
  }

  private static ArrayPage.Member member(JobView v) {
    Job j = v.job();
    Map<String, String> sorted = new TreeMap<>(j.parameters());
    String parameters = sorted.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(" "));
    Integer index = j.flow().arrayIndex();
    return new ArrayPage.Member(j.id(), index == null ? "" : index.toString(), j.state().name(), parameters,
        j.message() == null ? "" : j.message());
  }
}
