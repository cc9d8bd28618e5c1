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
 *
 * <p>A refused body of up to {@link #DRAIN_CAP} is read and thrown away first (never parsed), so that
 * a browser or HTTP client still writing it receives the 413 and its message, as a plugin upload
 * over its limit must show; a larger one is not read at all, and the connection is closed.
 */
public final class RequestLimits {
  /** The most a refused body is read to deliver the answer; beyond it, reading would be the attack. */
  static final long DRAIN_CAP = 8L * 1024 * 1024;

  private RequestLimits() {}

  public static void register(JavalinConfig cfg, long defaultMaxBytes) {
    cfg.routes.beforeMatched(ctx -> check(ctx, defaultMaxBytes));
  }

  private static void check(Context ctx, long defaultMaxBytes) {
    long declared = ctx.req().getContentLengthLong();
    BodyLimit own = ownLimit(ctx);
    long max = own == null ? defaultMaxBytes : own.bytes();
    if (declared > max) {
      if (declared > DRAIN_CAP || !drained(ctx, declared)) {
        // The body stays unread, so the connection cannot carry another request.
        ctx.header("Connection", "close");
      }
      throw own == null ? new RequestTooLargeException(max) : new RequestTooLargeException(own.refusal());
    }
    if (declared < 0 && ctx.isMultipart()) {
      ctx.header("Connection", "close");
      throw new HttpResponseException(411, "send a multipart body with a Content-Length header");
    }
  }

  /** Reads and discards the declared body; false when the client stopped sending or sent more. */
  private static boolean drained(Context ctx, long declared) {
    byte[] buffer = new byte[64 * 1024];
    long left = declared;
    try {
      java.io.InputStream in = ctx.req().getInputStream();
      for (int n; left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0; ) {
        left -= n;
      }
      return left == 0;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  private static BodyLimit ownLimit(Context ctx) {
    Endpoint route = ctx.endpoints().matchedHttpEndpoint();
    return route == null ? null : route.metadata(BodyLimit.class);
  }
}
