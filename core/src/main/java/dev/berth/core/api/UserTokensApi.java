package dev.berth.core.api;

import dev.berth.core.auth.Auth;
import dev.berth.core.auth.Role;
import dev.berth.core.auth.IdentityService;
import dev.berth.core.errors.ConflictException;
import io.javalin.config.JavalinConfig;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /api/v1/users/{username}/tokens}: admins list any user's API tokens (never the secret or
 * its hash) and revoke one. Admin-only by the access rules for {@code /api/v1/users/**}.
 */
final class UserTokensApi {
  private final Auth auth;

  UserTokensApi(Auth auth) {
    this.auth = auth;
  }

  void register(JavalinConfig cfg) {
    cfg.routes.get("/api/v1/users/{username}/tokens", ctx -> ctx.json(Map.of("tokens",
        identities().tokensOf(ctx.pathParam("username")).stream().map(IdentityApi::token).toList())), Role.ADMIN);
    cfg.routes.delete("/api/v1/users/{username}/tokens/{id}", ctx -> {
      identities().revokeTokenOf(Auth.principal(ctx), ctx.pathParam("username"), ctx.pathParam("id"));
      ctx.status(204);
    }, Role.ADMIN);
  }

  private IdentityService identities() {
    return auth.identities().orElseThrow(() -> new ConflictException(
        "API tokens are kept by Berth only in auth.mode local (this server runs in "
            + auth.mode().name().toLowerCase(Locale.ROOT) + " mode)"));
  }
}
