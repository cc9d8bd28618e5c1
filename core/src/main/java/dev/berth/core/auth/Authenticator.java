package dev.berth.core.auth;

import dev.berth.core.errors.ForbiddenException;
import dev.berth.core.errors.UnauthorizedException;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds who a request acts for, by the configured mode: in local mode an {@code Authorization}
 * header (Bearer API token or Basic password) or the session cookie; in proxy mode the proxy's
 * user and groups headers, trusted only from the configured addresses; in none mode nobody signs
 * in and every caller is an administrator.
 */
public final class Authenticator {
  private final AuthConfig config;
  private final IdentityService identities;
  private final Sessions sessions;
  private final ClientAddress clientAddress;

  public Authenticator(AuthConfig config, IdentityService identities, Sessions sessions) {
    this.config = config;
    this.identities = identities;
    this.sessions = sessions;
    this.clientAddress = new ClientAddress(config.proxyTrusted());
  }

  /** What the request proved; attached for the CSRF check. */
  public record Proof(Principal principal, Sessions.Session session) {}

  /**
   * @return the principal, or empty for an anonymous request
   * @throws UnauthorizedException for credentials that are given but wrong
   * @throws ForbiddenException for proxy headers from an address that is not a trusted proxy
   */
  public Optional<Proof> authenticate(Context ctx) {
    return switch (config.mode()) {
      case NONE -> Optional.of(new Proof(Principal.NOBODY, null));
      case PROXY -> proxy(ctx);
      case LOCAL -> local(ctx);
    };
  }

  /** Whether the socket peer (never a forwarded-for header) is one of the configured proxies. */
  public boolean fromTrustedProxy(Context ctx) {
    return clientAddress.fromTrustedProxy(ctx);
  }

  /** The client's address for the sign-in throttle: forwarded only through a trusted proxy. */
  public String clientAddress(Context ctx) {
    return clientAddress.of(ctx);
  }

  private Optional<Proof> proxy(Context ctx) {
    String user = ctx.header(config.proxyUserHeader());
    if (user == null) {
      return Optional.empty();
    }
    if (!fromTrustedProxy(ctx)) {
      throw new ForbiddenException(config.proxyUserHeader() + " came from " + ctx.req().getRemoteAddr()
          + ", which is not a trusted proxy (auth.proxy.trustedCidrs)");
    }
    user = user.trim();
    if (!IdentityService.USERNAME.matcher(user).matches()) {
      throw new ForbiddenException("the proxy named a user Berth cannot use: '" + clip(user) + "'");
    }
    String groups = config.proxyGroupsHeader().isEmpty() ? null : ctx.header(config.proxyGroupsHeader());
    boolean admin = groups != null && !config.proxyAdminGroup().isEmpty()
        && Arrays.stream(groups.split(",")).map(String::trim).anyMatch(config.proxyAdminGroup()::equals);
    return Optional.of(new Proof(new Principal(user, admin, "proxy"), null));
  }

  private Optional<Proof> local(Context ctx) {
    String authorization = ctx.header("Authorization");
    if (authorization != null) {
      return Optional.of(new Proof(fromHeader(ctx, authorization.trim()), null));
    }
    String cookie = ctx.cookie(Sessions.COOKIE);
    if (cookie == null) {
      return Optional.empty();
    }
    Optional<Sessions.Session> session = sessions.find(cookie);
    if (session.isEmpty()) {
      return Optional.empty();
    }
    Optional<Principal> user = identities.current(session.get().username(), "session");
    if (user.isEmpty()) {
      sessions.close(cookie);
      return Optional.empty();
    }
    return Optional.of(new Proof(user.get(), session.get()));
  }

  private Principal fromHeader(Context ctx, String authorization) {
    String lower = authorization.toLowerCase(Locale.ROOT);
    if (lower.startsWith("bearer ")) {
      return identities.token(authorization.substring(7).trim())
          .orElseThrow(() -> new UnauthorizedException("the API token is unknown, revoked, or its user is disabled"));
    }
    if (lower.startsWith("basic ")) {
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new UnauthorizedException("the Basic credentials are not valid base64");
      }
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        throw new UnauthorizedException("the Basic credentials need the form user:password");
      }
      String username = decoded.substring(0, colon);
      return identities.password(username, decoded.substring(colon + 1), clientAddress(ctx))
          .map(p -> new Principal(p.username(), p.admin(), "basic"))
          .orElseThrow(() -> new UnauthorizedException("wrong username or password"));
    }
    throw new UnauthorizedException("the Authorization header must be Bearer <token> or Basic <credentials>");
  }

  private static String clip(String s) {
    return s.length() > 64 ? s.substring(0, 64) + "…" : s;
  }
}
