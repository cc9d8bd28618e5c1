package dev.berth.core.auth;

import io.javalin.http.Context;

/**
 * How a web module renders a failed page request as HTML instead of problem+json. The core's one
 * error mapping ({@code ProblemResponses}) decides the status, title and detail of every failure
 * and calls this for pages; absent in an API-only server.
 */
@FunctionalInterface
public interface PageErrors {
  void render(Context ctx, int status, String title, String detail);
}
