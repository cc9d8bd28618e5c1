package dev.berth.core.api;

import dev.berth.api.StoreUnavailableException;
import dev.berth.core.auth.AccessRules;
import dev.berth.core.auth.Auth;
import dev.berth.core.errors.ConflictException;
import dev.berth.core.errors.ForbiddenException;
import dev.berth.core.errors.TooManyRequestsException;
import dev.berth.core.errors.UnauthorizedException;
import dev.berth.core.errors.FieldError;
import dev.berth.core.errors.NotFoundException;
import dev.berth.core.errors.ValidationException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps every failure to a problem+json answer. Clients never see a stack trace: an unexpected
 * exception is logged with an id and answered 500 with that id.
 */
public final class ProblemResponses {
  private static final Logger LOG = LoggerFactory.getLogger(ProblemResponses.class);

  private ProblemResponses() {}

  public static void register(JavalinConfig cfg, Auth auth) {
    cfg.routes.exception(UnauthorizedException.class, (e, ctx) -> {
      if (isPage(ctx)) {
        String next = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
        String login = "/login?next=" + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8);
        if ("true".equals(ctx.header("HX-Request"))) {
          ctx.status(401).header("HX-Redirect", login);
          return;
        }
        ctx.redirect(login, io.javalin.http.HttpStatus.SEE_OTHER);
        return;
      }
      ctx.header("WWW-Authenticate", "Bearer realm=\"berth\"");
      send(ctx, 401, "Unauthorized", e.getMessage(), List.of());
    });
    cfg.routes.exception(ForbiddenException.class, (e, ctx) -> {
      if (isPage(ctx) && auth.pageRefusals().isPresent()) {
        auth.pageRefusals().get().refuse(ctx, 403, "Not allowed", e.getMessage());
        return;
      }
      send(ctx, 403, "Forbidden", e.getMessage(), List.of());
    });
    cfg.routes.exception(TooManyRequestsException.class, (e, ctx) -> {
      ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
      if (isPage(ctx) && auth.pageRefusals().isPresent()) {
        auth.pageRefusals().get().refuse(ctx, 429, "Too many requests", e.getMessage());
        return;
      }
      send(ctx, 429, "Too many requests", e.getMessage(), List.of());
    });
    register(cfg);
  }

  /** The answers every Berth server gives, with or without access control. */
  public static void register(JavalinConfig cfg) {
    cfg.routes.exception(ValidationException.class,
        (e, ctx) -> send(ctx, 400, "Invalid request", e.getMessage(), e.errors()));
    cfg.routes.exception(RequestTooLargeException.class,
        (e, ctx) -> send(ctx, 413, "Request too large", e.getMessage(), List.of(new FieldError("body", e.getMessage()))));
    cfg.routes.exception(UnsupportedMediaException.class,
        (e, ctx) -> send(ctx, 415, "Unsupported media type", e.getMessage(), List.of(new FieldError("Content-Type", e.getMessage()))));
    cfg.routes.exception(NotFoundException.class, (e, ctx) -> send(ctx, 404, "Not found", e.getMessage(), List.of()));
    cfg.routes.exception(ConflictException.class, (e, ctx) -> send(ctx, 409, "Conflict", e.getMessage(), List.of()));
    cfg.routes.exception(StoreUnavailableException.class, (e, ctx) -> {
      ctx.header("Retry-After", "5");
      send(ctx, 503, "Queue store unavailable", "the queue store does not answer; try again shortly", List.of());
    });
    cfg.routes.exception(HttpResponseException.class,
        (e, ctx) -> send(ctx, e.getStatus(), e.getMessage(), e.getMessage(), List.of()));
    cfg.routes.exception(Exception.class, (e, ctx) -> {
      String id = Long.toHexString(System.nanoTime());
      LOG.error("Unexpected error {} on {} {}", id, ctx.method(), ctx.path(), e);
      send(ctx, 500, "Internal error", "unexpected error; the server log has the details under id " + id, List.of());
    });
    cfg.routes.error(404, ctx -> {
      if (ctx.result() == null || ctx.result().isEmpty()) {
        send(ctx, 404, "Not found", "no such resource: " + ctx.method() + " " + ctx.path(), List.of());
      }
    });
    cfg.routes.error(405, ctx -> send(ctx, 405, "Method not allowed", ctx.method() + " is not allowed on " + ctx.path(), List.of()));
  }

  private static boolean isPage(Context ctx) {
    return !AccessRules.isApi(ctx.method().name(), ctx.path());
  }

  public static void send(Context ctx, int status, String title, String detail, List<FieldError> errors) {
    ctx.status(status);
    ctx.json(new Problem("about:blank", title, status, detail, ctx.path(), errors));
    ctx.contentType(Problem.CONTENT_TYPE);
  }
}
