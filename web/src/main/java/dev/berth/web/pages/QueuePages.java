package dev.berth.web.pages;

import java.time.Clock;
import dev.berth.core.scheduler.ResourceService;
import dev.berth.core.flow.JobFlowService;
import dev.berth.core.jobs.JobService;
import dev.berth.core.auth.Role;
import dev.berth.web.support.Htmx;
import dev.berth.web.view.QueuePage;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

/** {@code GET /}: the queue page, or just its body when htmx refreshes it. */
public final class QueuePages {
  private final Pages pages;
  private final QueueViews views;

  public QueuePages(Pages pages, JobService jobs, JobFlowService flows, ResourceService resources, Clock clock,
      int pageSize) {
    this.pages = pages;
    this.views = new QueueViews(jobs, flows, resources, clock, pageSize);
  }

  public void register(JavalinConfig cfg) {
    cfg.routes.get("/", this::show, Role.USER);
  }

  private void show(Context ctx) {
    long t0 = System.nanoTime();
    QueuePage.Body body = views.body(page(ctx.queryParam("page")));
    if (Htmx.isPartial(ctx)) {
      pages.render(ctx, "tag/queueBody.jte", "body", body, t0);
    } else {
      pages.render(ctx, "queue.jte", "page", new QueuePage(pages.layout(ctx, "Queue", "queue", "queue"), body), t0);
    }
  }

  /** A page number from the query; anything that is not one means the first page. */
  static int page(String raw) {
    if (raw == null || !raw.matches("[0-9]{1,6}")) {
      return 1;
    }
    return Math.max(1, Integer.parseInt(raw));
  }
}
