package dev.berth.core.auth;

import io.javalin.http.Context;

/**
 * How a web module answers a page request that access control refuses (403, 429) with HTML
 * instead of problem+json; set by the web module, absent in an API-only server.
 */
@FunctionalInterface
public interface PageRefusals {
  void refuse(Context ctx, int status, String title, String detail);
}
