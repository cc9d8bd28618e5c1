package dev.berth.web.pages;

import java.time.Clock;
import dev.berth.core.scheduler.ResourceService;
import dev.berth.core.auth.Role;
import dev.berth.web.support.Htmx;
import dev.berth.web.view.ResourcesPage;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

/** {@code GET /resources}: nodes and GPUs as last sampled; htmx refreshes the body on each sample. */
public final class ResourcePages {
  private final Pages pages;
  private final ResourceViews views;

  public ResourcePages(Pages pages, ResourceService resources, Clock clock) {
    this.pages = pages;
    this.views = new ResourceViews(resources, clock);
  }

  public void register(JavalinConfig cfg) {
    cfg.routes.get("/resources", this::show, Role.USER);
  }

  private void show(Context ctx) {
    long t0 = System.nanoTime();
    ResourcesPage.Body body = views.body();
    if (Htmx.isPartial(ctx)) {
      pages.render(ctx, "tag/resourcesBody.jte", "body", body, t0);
    } else {
      pages.render(ctx, "resources.jte", "page",
          new ResourcesPage(pages.layout(ctx, "Resources", "resources", "resources"), body), t0);
    }
  }
}
