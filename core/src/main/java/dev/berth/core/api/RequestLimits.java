package dev.berth.core.api;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.router.Endpoint;

/**
 * Refuses an oversized request body before anything parses it, on every route: a body whose
 * declared length is over the route's limit ({@link BodyLimit}, else {@code api.maxBodyBytes}) is
 * answered 413 without being read, ahead of sign-in and CSRF checks that would parse a form. A
 * multipart body must declare its length, because Jetty parses it whole before a handler could
 * count; other bodies are counted as they are read ({@link RequestBodies}, Javalin's limit).
 */
public final class RequestLimits {
  private RequestLimits() {}

  public static void register(JavalinConfig cfg, long defaultMaxBytes) {
    cfg.routes.beforeMatched(ctx -> check(ctx, defaultMaxBytes));
  }

  private static void check(Context ctx, long defaultMaxBytes) {
    long declared = ctx.req().getContentLengthLong();
    BodyLimit own = ownLimit(ctx);
    long max = own == null ? defaultMaxBytes : own.bytes();
    if (declared > max) {
      // The body stays unread, so the connection cannot carry another request.
      ctx.header("Connection", "close");
      throw own == null ? new RequestTooLargeException(max) : new RequestTooLargeException(own.refusal());
    }
    if (declared < 0 && ctx.isMultipart()) {
      ctx.header("Connection", "close");
      throw new HttpResponseException(411, "send a multipart body with a Content-Length header");
    }
  }

  private static BodyLimit ownLimit(Context ctx) {
    Endpoint route = ctx.endpoints().matchedHttpEndpoint();
    return route == null ? null : route.metadata(BodyLimit.class);
  }
}
