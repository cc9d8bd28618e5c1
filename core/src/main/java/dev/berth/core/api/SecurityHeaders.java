package dev.berth.core.api;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.Map;

/**
 * Headers that keep browsers from misusing Berth's answers: no content sniffing, no framing (so no
 * clickjacking of the cancel and admin buttons), no referrer leaving the site, and a content
 * security policy that runs only Berth's own scripts. Inline styles stay allowed: htmx inserts its
 * indicator style and the resource bars set their width inline.
 */
public final class SecurityHeaders {
  static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:;"
      + " object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
  static final Map<String, String> HEADERS = Map.of(
      "X-Content-Type-Options", "nosniff",
      "X-Frame-Options", "DENY",
      "Referrer-Policy", "same-origin",
      "Content-Security-Policy", CSP);

  private SecurityHeaders() {}

  /** Sets them on every answer, before any handler runs, so errors and static files carry them too. */
  public static void register(JavalinConfig cfg) {
    cfg.routes.before(SecurityHeaders::apply);
  }

  private static void apply(Context ctx) {
    HEADERS.forEach(ctx::header);
  }
}
