package dev.berth.web;

import dev.berth.web.pages.Pages;
import io.javalin.config.JavalinConfig;

/**
 * An HTML "not found" page for browsers on unknown paths outside the API. The core's handler, which
 * runs first, answers problem+json; this one replaces it only when the browser asked for HTML and
 * no page has answered already.
 */
final class NotFoundPages {
  private NotFoundPages() {}

  static void register(JavalinConfig cfg, Pages pages) {
    cfg.routes.error(404, "text/html", ctx -> {
      String type = ctx.res().getContentType();
      if (ctx.path().startsWith("/api/") || (type != null && type.startsWith("text/html"))) {
        return;
      }
      pages.error(ctx, 404, "Not found", "There is no page at " + ctx.path() + ".");
    });
  }
}
