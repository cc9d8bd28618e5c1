package dev.berth.web.support;

import io.javalin.http.Context;

/** What htmx tells the server about a request, and the answers it understands. */
public final class Htmx {
  private Htmx() {}

  /**
   * Whether htmx asked for a part of a page (then only the fragment is rendered). A history restore
   * asks for the whole page, so it gets one.
   */
  public static boolean isPartial(Context ctx) {
    return "true".equals(ctx.header("HX-Request")) && !"true".equals(ctx.header("HX-History-Restore-Request"));
  }

  /**
   * Sends the browser to {@code location}: htmx follows {@code HX-Redirect} with a full page load; a
   * plain form post gets 303 See Other, so the browser fetches the page with GET.
   */
  public static void redirect(Context ctx, String location) {
    if (isPartial(ctx)) {
      ctx.header("HX-Redirect", location).status(200);
    } else {
      ctx.header("Location", location).status(303);
    }
  }
}
