package dev.berth.web.pages;

import dev.berth.core.auth.Auth;
import dev.berth.core.host.Version;
import dev.berth.web.support.Flash;
import dev.berth.web.support.Htmx;
import dev.berth.web.view.ErrorPage;
import dev.berth.web.view.Layout;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.Map;

/**
 * What every page handler shares: the layout model, rendering with the server time in a {@code
 * Server-Timing} header, and the HTML error page. Failures are not caught here: the core's one
 * error mapping decides each answer and asks {@link #error} to render it for pages.
 */
public final class Pages {
  public Layout layout(Context ctx, String title, String nav, String liveTopics) {
    var who = Auth.maybePrincipal(ctx);
    // Only a whole page shows the flash: a live-update fragment fetched meanwhile must not eat it.
    Flash flash = Htmx.isPartial(ctx) ? null : Flash.take(ctx);
    return new Layout(title, nav, flash, Version.current(), liveTopics, who.map(p -> p.username()).orElse(null),
        who.map(p -> p.admin()).orElse(false), Auth.csrfToken(ctx));
  }

  /**
   * Renders {@code template} with {@code model} as its parameter named {@code param}, and reports
   * the time since {@code startNanos} (building the model included) as {@code Server-Timing}.
   */
  public void render(Context ctx, String template, String param, Object model, long startNanos) {
    ctx.render(template, Map.of(param, model));
    double ms = (System.nanoTime() - startNanos) / 1e6;
    ctx.header("Server-Timing", String.format(Locale.ROOT, "app;dur=%.2f", ms));
    // The same URL answers a whole page or, for htmx, a fragment: caches must keep them apart.
    ctx.header("Vary", "HX-Request");
    ctx.header("Cache-Control", "no-store");
  }

  /** An HTML error page (a bare message for an htmx fragment request). */
  public void error(Context ctx, int status, String title, String detail) {
    ctx.status(status);
    if (Htmx.isPartial(ctx)) {
      ctx.contentType("text/html; charset=utf-8").result("<p class=\"flash flash-error\" role=\"alert\">"
          + escape(detail) + "</p>");
      return;
    }
    var who = Auth.maybePrincipal(ctx);
    Layout layout = new Layout(title, "", null, Version.current(), "", who.map(p -> p.username()).orElse(null),
        who.map(p -> p.admin()).orElse(false), Auth.csrfToken(ctx));
    ctx.render("error.jte", Map.of("page", new ErrorPage(layout, status, detail)));
  }

  private static String escape(String s) {
    return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
