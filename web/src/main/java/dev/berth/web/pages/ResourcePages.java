package dev.berth.web.pages;

import dev.berth.core.auth.Role;
import dev.berth.core.server.BerthServices;
import dev.berth.web.support.Htmx;
import dev.berth.web.view.ResourcesPage;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

/** {@code GET /resources}: nodes and GPUs as last sampled; htmx refreshes the body on each sample. */
public final class ResourcePages {
  private final Pages pages;
  private final ResourceViews views;

  public ResourcePages(Pages pages, BerthServices services) {
    this.pages = pages;
    this.views = new ResourceViews(services);
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
