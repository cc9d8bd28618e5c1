package dev.berth.core.auth;

/**
 * Which requests are answered as an API (problem+json, 401 with {@code WWW-Authenticate}) rather
 * than as a page (HTML, redirect to the sign-in page). Decided by the path, so that a request no
 * route matched, or one Jetty refused before routing, is answered in the same style.
 */
public final class ApiRequests {
  private ApiRequests() {}

  public static boolean isApi(String method, String path) {
    return path.startsWith("/api/") || path.equals("/api") || path.startsWith("/metrics") || path.startsWith("/healthz")
        || path.startsWith("/readyz") || (isSubmit(path) && !method.equalsIgnoreCase("GET") && !method.equalsIgnoreCase("HEAD"));
  }

  private static boolean isSubmit(String path) {
    return path.equals("/submit") || path.equals("/submit/");
  }
}
