package dev.berth.core.auth;

import java.util.Locale;

/**
 * The one table of who may call what, by method and path: every route of the API and of the web
 * pages goes through it, and a path it does not name needs a signed-in user (secure by default).
 * docs/security.md shows the same table.
 */
public final class AccessRules {
  private final boolean metricsNeedToken;

  public AccessRules(boolean metricsNeedToken) {
    this.metricsNeedToken = metricsNeedToken;
  }

  public Role roleFor(String method, String path) {
    String m = method.toUpperCase(Locale.ROOT);
    if (path.equals("/healthz") || path.equals("/readyz") || path.equals("/login") || path.equals("/logout")
        || path.startsWith("/webjars/") || (path.startsWith("/ui/") && !path.equals("/ui/events"))) {
      return Role.ANYONE;
    }
    if (path.equals("/metrics")) {
      return metricsNeedToken ? Role.USER : Role.ANYONE;
    }
    if (path.equals("/api/v1/users") || path.startsWith("/api/v1/users/") || path.equals("/api/v1/audit")
        || path.equals("/admin") || path.startsWith("/admin/")) {
      return Role.ADMIN;
    }
    if (path.startsWith("/api/v1/settings") && !m.equals("GET") && !m.equals("HEAD")) {
      return Role.ADMIN;
    }
    if (path.startsWith("/api/v1/plugins") && !m.equals("GET") && !m.equals("HEAD")) {
      return Role.ADMIN;
    }
    return Role.USER;
  }

  /**
   * Whether a refusal is answered as an API (problem+json, 401) rather than a page (redirect to the
   * sign-in page, HTML error).
   */
  public static boolean isApi(String method, String path) {
    return path.startsWith("/api/") || path.equals("/metrics") || path.equals("/healthz") || path.equals("/readyz")
        || (path.equals("/submit") && !method.equalsIgnoreCase("GET"));
  }
}
