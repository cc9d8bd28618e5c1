package dev.berth.core.auth;

import dev.berth.core.errors.ForbiddenException;
import dev.berth.core.errors.UnauthorizedException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import io.javalin.router.Endpoint;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Identity and access for the HTTP server: one {@code beforeMatched} handler authenticates every
 * request, checks the {@link Role} its route declared and the CSRF token, and attaches the {@link
 * Principal} that handlers read with {@link #principal}. Handlers stay thin: they ask whether the
 * principal may act for a job's owner, nothing more.
 */
public final class Auth {
  static final String PRINCIPAL = "berth.principal";
  private static final Logger LOG = LoggerFactory.getLogger(Auth.class);

  private final AuthConfig config;
  private final IdentityService identities;
  private final Sessions sessions;
  private final AuditLog audit;
  private final Authenticator authenticator;
  private final AtomicReference<PageErrors> pageErrors = new AtomicReference<>();

  /** @param identities null unless {@code auth.mode} is local */
  public Auth(AuthConfig config, IdentityService identities, Sessions sessions, AuditLog audit) {
    this.config = config;
    this.identities = identities;
    this.sessions = sessions;
    this.audit = audit;
    this.authenticator = new Authenticator(config, identities, sessions);
  }

  public AuthConfig config() {
    return config;
  }

  public AuthMode mode() {
    return config.mode();
  }

  public AuditLog audit() {
    return audit;
  }

  /** The role {@code /metrics} declares: open, or any credentials with {@code auth.metrics: token}. */
  public Role metricsRole() {
    return config.metricsNeedToken() ? Role.USER : Role.ANYONE;
  }

  /** Local users and tokens; empty unless {@code auth.mode} is local. */
  public Optional<IdentityService> identities() {
    return Optional.ofNullable(identities);
  }

  /** Lets the web module answer failed page requests with HTML. */
  public void onPageError(PageErrors pages) {
    pageErrors.set(pages);
  }

  public Optional<PageErrors> pageErrors() {
    return Optional.ofNullable(pageErrors.get());
  }

  /** Registers the access check in front of every route. */
  public void register(JavalinConfig cfg) {
    cfg.routes.beforeMatched(this::gate);
  }

  private void gate(Context ctx) {
    String path = ctx.path();
    Role role = requiredRole(ctx);
    Authenticator.Proof proof = null;
    try {
      proof = authenticator.authenticate(ctx).orElse(null);
    } catch (UnauthorizedException e) {
      if (role != Role.ANYONE) {
        throw e;
      }
    }
    String csrf = CsrfGuard.attach(ctx, proof, secure(ctx), !ApiRequests.isApi(ctx.method().name(), path));
    if (proof != null) {
      ctx.attribute(PRINCIPAL, proof.principal());
    }
    if (role == Role.ANYONE) {
      // The sign-in form is checked too (login CSRF): its token is the pre-session cookie's.
      CsrfGuard.check(ctx, proof, csrf);
      return;
    }
    if (proof == null) {
      throw new UnauthorizedException("sign in first: send an API token (Authorization: Bearer …) or Basic credentials");
    }
    if (role == Role.ADMIN && !proof.principal().admin()) {
      throw new ForbiddenException("only administrators may do this");
    }
    CsrfGuard.check(ctx, proof, csrf);
  }

  /**
   * The role the matched route declared. A static asset (no route matched, a file did) is open. A
   * route that declares no role, or several, is refused: forgetting one cannot open a route.
   */
  private static Role requiredRole(Context ctx) {
    Endpoint route = ctx.endpoints().matchedHttpEndpoint();
    if (route == null) {
      return Role.ANYONE;
    }
    return Role.declaredBy(ctx.routeRoles()).orElseThrow(() -> {
      LOG.error("The route {} {} declares no Berth role (or several); refusing it", route.method, route.path);
      return new ForbiddenException("this route declares no access rule, so nobody may call it");
    });
  }

  /** The signed-in principal of a request that passed the gate. */
  public static Principal principal(Context ctx) {
    Principal p = ctx.attribute(PRINCIPAL);
    if (p == null) {
      throw new UnauthorizedException("sign in first");
    }
    return p;
  }

  /** The principal when the request is signed in (open routes may be called anonymously). */
  public static Optional<Principal> maybePrincipal(Context ctx) {
    return Optional.ofNullable(ctx.attribute(PRINCIPAL));
  }

  /** The CSRF token the page must send back on state-changing requests. */
  public static String csrfToken(Context ctx) {
    String t = ctx.attribute(CsrfGuard.ATTRIBUTE);
    return t == null ? "" : t;
  }

  /**
   * Checks the password and starts a browser session.
   *
   * @return false for a wrong username or password (the attempt counts against the throttle)
   * @throws dev.berth.core.errors.TooManyRequestsException when too many attempts failed
   */
  public boolean signIn(Context ctx, String username, String password) {
    if (identities == null) {
      throw new ForbiddenException("signing in with a password exists only in auth.mode local");
    }
    Optional<Principal> p = identities.password(username, password, authenticator.clientAddress(ctx));
    if (p.isEmpty()) {
      return false;
    }
    String old = ctx.cookie(Sessions.COOKIE);
    sessions.close(old);
    Sessions.Session s = sessions.open(p.get().username());
    ctx.cookie(sessionCookie(ctx, s.id(), (int) sessions.maxAge().toSeconds()));
    return true;
  }

  public void signOut(Context ctx) {
    sessions.close(ctx.cookie(Sessions.COOKIE));
    ctx.cookie(sessionCookie(ctx, "", 0));
  }

  private Cookie sessionCookie(Context ctx, String value, int maxAge) {
    return new Cookie(Sessions.COOKIE, value, "/", maxAge, secure(ctx), true, null, SameSite.LAX);
  }

  /** Whether cookies get {@code Secure}: TLS here, or at a trusted proxy that says so. */
  public boolean secure(Context ctx) {
    return switch (config.secureCookies()) {
      case "always" -> true;
      case "never" -> false;
      default -> "https".equalsIgnoreCase(ctx.scheme())
          || ("https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto")) && authenticator.fromTrustedProxy(ctx));
    };
  }
}
