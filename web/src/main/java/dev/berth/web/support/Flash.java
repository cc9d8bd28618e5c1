package dev.berth.web.support;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A one-time message shown on the next page after a redirect ("Job 12 queued"). It travels in a
 * short-lived cookie, so it works without sessions and without JavaScript, and is removed when shown.
 *
 * @param kind {@code ok} or {@code error}, for the styling and the ARIA role
 */
public record Flash(String kind, String message) {
  private static final String COOKIE = "berth_flash";

  public static Flash ok(String message) {
    return new Flash("ok", message);
  }

  public static Flash error(String message) {
    return new Flash("error", message);
  }

  public boolean isError() {
    return "error".equals(kind);
  }

  /** Leaves the message for the next page this browser renders. */
  public void store(Context ctx) {
    String value = URLEncoder.encode(kind + ":" + message, StandardCharsets.UTF_8);
    ctx.cookie(new Cookie(COOKIE, value, "/", 60, false, true, null, SameSite.LAX));
  }

  /** The waiting message, if any, removing it so that it shows once. */
  public static Flash take(Context ctx) {
    String raw = ctx.cookie(COOKIE);
    if (raw == null || raw.isEmpty()) {
      return null;
    }
    ctx.removeCookie(COOKIE, "/");
    String text;
    try {
      text = URLDecoder.decode(raw, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int colon = text.indexOf(':');
    if (colon < 0) {
      return null;
    }
    String kind = text.substring(0, colon).equals("error") ? "error" : "ok";
    String message = text.substring(colon + 1);
    return message.isBlank() ? null : new Flash(kind, message.length() > 500 ? message.substring(0, 500) : message);
  }
}
