package dev.berth.core.auth;

import dev.berth.core.errors.ForbiddenException;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpResponseException;
import io.javalin.http.SameSite;
import java.util.Locale;
import java.util.Set;

/**
 * Cross-site request forgery protection for requests a browser makes on its own credentials: a
 * session cookie (the token is the session's), or a proxy's cookie and none mode (a double-submit
 * cookie, so it works across replicas). Every state-changing request must send the token back as
 * the {@value #HEADER} header (htmx, from the page's meta tag) or the {@value #FIELD} form field.
 * API tokens and Basic credentials are not sent by browsers on their own (Berth never asks a
 * browser for Basic credentials), so requests carrying them need no token.
 */
public final class CsrfGuard {
  public static final String HEADER = "X-CSRF-Token";
  public static final String FIELD = "_csrf";
  static final String COOKIE = "berth_csrf";
  static final String ATTRIBUTE = "berth.csrf";
  private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

  private CsrfGuard() {}

  /** Finds or makes the token for this request and attaches it for the pages. */
  static String attach(Context ctx, Authenticator.Proof proof, boolean secure, boolean mayCreate) {
    String token;
    if (proof != null && proof.session() != null) {
      token = proof.session().csrf();
    } else {
      token = ctx.cookie(COOKIE);
      if ((token == null || token.length() < 20) && mayCreate) {
        token = Secrets.random(32);
        Cookie c = new Cookie(COOKIE, token, "/", -1, secure, true, null, SameSite.LAX);
        ctx.cookie(c);
      }
    }
    if (token != null) {
      ctx.attribute(ATTRIBUTE, token);
    }
    return token;
  }

  /** @throws ForbiddenException when a state-changing browser request lacks the right token */
  static void check(Context ctx, Authenticator.Proof proof, String expected) {
    if (SAFE.contains(ctx.method().name().toUpperCase(Locale.ROOT))) {
      return;
    }
    String via = proof == null ? "anonymous" : proof.principal().via();
    if (via.equals("token") || via.equals("basic")) {
      return;
    }
    if (!via.equals("session") && !simpleContentType(ctx)) {
      // Without a session, only the content types a cross-site form can send need the token: a
      // JSON request from another site needs CORS, which Berth never grants.
      return;
    }
    String given = ctx.header(HEADER);
    if (given == null && (ctx.isFormUrlencoded() || ctx.isMultipartFormData())) {
      try {
        given = ctx.formParam(FIELD);
      } catch (HttpResponseException e) {
        throw e; // Javalin's own refusal while reading, such as a body over the size limit (413)
      } catch (RuntimeException e) {
        // A body Jetty refuses to parse (a part over the size limit) cannot prove anything.
        throw new ForbiddenException("the form could not be read to check its CSRF token: " + e.getMessage());
      }
    }
    if (!Secrets.same(given, expected)) {
      throw new ForbiddenException("the CSRF token is missing or wrong; reload the page and try again");
    }
  }

  private static boolean simpleContentType(Context ctx) {
    String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
    return type.isEmpty() || type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data")
        || type.startsWith("text/plain");
  }
}
