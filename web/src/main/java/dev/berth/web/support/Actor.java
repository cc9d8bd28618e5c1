package dev.berth.web.support;

import io.javalin.http.Context;

/**
 * Who did something through the UI, for job events and the settings audit. Until sign-in exists
 * (its own issue) the UI has no user identity, so it names the channel and the client address.
 */
public final class Actor {
  private Actor() {}

  public static String of(Context ctx) {
    String ip = ctx.ip();
    return "web@" + (ip == null || ip.isBlank() ? "unknown" : ip.replaceAll("[^0-9A-Fa-f.:\\[\\]]", ""));
  }
}
