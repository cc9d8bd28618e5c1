package dev.berth.web.pages;

import dev.berth.api.StoreUnavailableException;
import dev.berth.core.auth.Auth;
import dev.berth.core.errors.ForbiddenException;
import dev.berth.core.errors.NotFoundException;
import dev.berth.core.errors.TooManyRequestsException;
import dev.berth.core.errors.UnauthorizedException;
import dev.berth.core.host.Version;
import dev.berth.web.support.Flash;
import dev.berth.web.support.Htmx;
import dev.berth.web.view.ErrorPage;
import dev.berth.web.view.Layout;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every page handler shares: the layout model, rendering with the server time in a {@code
 * Server-Timing} header, and HTML error pages instead of the API's problem+json. A page never shows
 * a stack trace: an unexpected error is logged with an id and the page names the id.
 */
public final class Pages {
  private static final Logger LOG = LoggerFactory.getLogger(Pages.class);

  /** A page handler; may throw, {@link #guarded} turns failures into error pages. */
  @FunctionalInterface
  public interface PageHandler {
    void handle(Context ctx) throws Exception;
  }

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

  /** Wraps a page handler so that every failure becomes an HTML error page. */
  public Handler guarded(PageHandler handler) {
    return ctx -> {
      try {
        handler.handle(ctx);
      } catch (NotFoundException e) {
        error(ctx, 404, "Not found", e.getMessage());
      } catch (ForbiddenException e) {
        error(ctx, 403, "Not allowed", e.getMessage());
      } catch (UnauthorizedException | TooManyRequestsException e) {
        throw e; // the core answers: a redirect to the sign-in page, or 429
      } catch (StoreUnavailableException e) {
        ctx.header("Retry-After", "5");
        error(ctx, 503, "Queue store unavailable", "The queue store does not answer right now. Try again in a few seconds.");
      } catch (HttpResponseException e) {
        error(ctx, e.getStatus(), "Request refused", e.getMessage());
      } catch (Exception e) {
        String id = Long.toHexString(System.nanoTime());
        LOG.error("Unexpected error {} on page {} {}", id, ctx.method(), ctx.path(), e);
        error(ctx, 500, "Something went wrong", "An unexpected error happened; the server log has the details under id " + id + ".");
      }
    };
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
