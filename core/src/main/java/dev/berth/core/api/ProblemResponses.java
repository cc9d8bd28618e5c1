package dev.berth.core.api;

import dev.berth.api.StoreUnavailableException;
import dev.berth.core.auth.ApiRequests;
import dev.berth.core.auth.Auth;
import dev.berth.core.auth.PageErrors;
import dev.berth.core.errors.ConflictException;
import dev.berth.core.errors.FieldError;
import dev.berth.core.errors.ForbiddenException;
import dev.berth.core.errors.NotFoundException;
import dev.berth.core.errors.TooManyRequestsException;
import dev.berth.core.errors.UnauthorizedException;
import dev.berth.core.errors.ValidationException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one error mapping of the server, for the API and the pages alike: each failure is mapped to
 * a status, a title and a detail once, by a Javalin exception mapper, and then answered as
 * problem+json, or as an HTML page when the request was for a page and a web module renders them.
 * Clients never see a stack trace: an unexpected exception is logged with an id and answered 500
 * with that id.
 */
public final class ProblemResponses {
  private static final Logger LOG = LoggerFactory.getLogger(ProblemResponses.class);

  private final Supplier<Optional<PageErrors>> pages;

  private ProblemResponses(Supplier<Optional<PageErrors>> pages) {
    this.pages = pages;
  }

  /** The answers of a server with access control and, when the web module is present, pages. */
  public static void register(JavalinConfig cfg, Auth auth) {
    ProblemResponses responses = new ProblemResponses(auth::pageErrors);
    cfg.routes.exception(UnauthorizedException.class, responses::unauthorized);
    cfg.routes.exception(ForbiddenException.class,
        (e, ctx) -> responses.answer(ctx, new Failure(403, "Forbidden", "Not allowed", e.getMessage(), List.of())));
    cfg.routes.exception(TooManyRequestsException.class, (e, ctx) -> {
      ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
      responses.answer(ctx, new Failure(429, "Too many requests", e.getMessage()));
    });
    responses.registerCommon(cfg);
  }

  /** The answers every Berth server gives, with or without access control (the monitor's too). */
  public static void register(JavalinConfig cfg) {
    new ProblemResponses(Optional::empty).registerCommon(cfg);
  }

  private void registerCommon(JavalinConfig cfg) {
    cfg.routes.exception(ValidationException.class,
        (e, ctx) -> answer(ctx, new Failure(400, "Invalid request", "Invalid request", e.getMessage(), e.errors())));
    cfg.routes.exception(RequestTooLargeException.class, (e, ctx) -> answer(ctx,
        new Failure(413, "Request too large", "Request too large", e.getMessage(), List.of(new FieldError("body", e.getMessage())))));
    cfg.routes.exception(UnsupportedMediaException.class, (e, ctx) -> answer(ctx, new Failure(415, "Unsupported media type",
        "Unsupported media type", e.getMessage(), List.of(new FieldError("Content-Type", e.getMessage())))));
    cfg.routes.exception(NotFoundException.class, (e, ctx) -> answer(ctx, new Failure(404, "Not found", e.getMessage())));
    cfg.routes.exception(ConflictException.class, (e, ctx) -> answer(ctx, new Failure(409, "Conflict", e.getMessage())));
    cfg.routes.exception(StoreUnavailableException.class, (e, ctx) -> {
      ctx.header("Retry-After", "5");
      answer(ctx, new Failure(503, "Queue store unavailable", "the queue store does not answer; try again shortly"));
    });
    cfg.routes.exception(HttpResponseException.class, (e, ctx) -> {
      if (e.getStatus() == 404) {
        notFound(ctx); // Javalin's own "no such route"
      } else {
        answer(ctx, new Failure(e.getStatus(), e.getMessage(), "Request refused", e.getMessage(), List.of()));
      }
    });
    cfg.routes.exception(Exception.class, (e, ctx) -> {
      String id = Long.toHexString(System.nanoTime());
      LOG.error("Unexpected error {} on {} {}", id, ctx.method(), ctx.path(), e);
      answer(ctx, new Failure(500, "Internal error", "Something went wrong",
          "unexpected error; the server log has the details under id " + id, List.of()));
    });
    cfg.routes.error(404, ctx -> {
      if (ctx.result() == null || ctx.result().isEmpty()) {
        notFound(ctx);
      }
    });
    cfg.routes.error(405, ctx -> answer(ctx, new Failure(405, "Method not allowed", ctx.method() + " is not allowed on " + ctx.path())));
  }

  /** An unknown path: an HTML page only when a browser asked for one, else a problem. */
  private void notFound(Context ctx) {
    if (askedForHtml(ctx)) {
      answer(ctx, new Failure(404, "Not found", "There is no page at " + ctx.path() + "."));
    } else {
      send(ctx, 404, "Not found", "no such resource: " + ctx.method() + " " + ctx.path(), List.of());
    }
  }

  /** A page is sent to the sign-in page (htmx: told to go there); an API client gets 401. */
  private void unauthorized(UnauthorizedException e, Context ctx) {
    if (isPage(ctx)) {
      String next = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
      String login = "/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
      if ("true".equals(ctx.header("HX-Request"))) {
        ctx.status(401).header("HX-Redirect", login);
        return;
      }
      ctx.redirect(login, HttpStatus.SEE_OTHER);
      return;
    }
    ctx.header("WWW-Authenticate", "Bearer realm=\"berth\"");
    send(ctx, 401, "Unauthorized", e.getMessage(), List.of());
  }

  private void answer(Context ctx, Failure f) {
    Optional<PageErrors> html = pages.get();
    if (html.isPresent() && isPage(ctx)) {
      html.get().render(ctx, f.status(), f.pageTitle(), f.detail());
      return;
    }
    send(ctx, f.status(), f.title(), f.detail(), f.errors());
  }

  private static boolean isPage(Context ctx) {
    return !ApiRequests.isApi(ctx.method().name(), ctx.path());
  }

  private static boolean askedForHtml(Context ctx) {
    String accept = ctx.header("Accept");
    return accept != null && accept.contains("text/html");
  }

  public static void send(Context ctx, int status, String title, String detail, List<FieldError> errors) {
    ctx.status(status);
    ctx.json(new Problem("about:blank", title, status, detail, ctx.path(), errors));
    ctx.contentType(Problem.CONTENT_TYPE);
  }
}
