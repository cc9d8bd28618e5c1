package dev.berth.web.pages;

import dev.berth.core.auth.Auth;
import dev.berth.core.auth.IdentityService;
import dev.berth.core.auth.Role;
import dev.berth.core.errors.NotFoundException;
import dev.berth.web.support.Flash;
import dev.berth.web.support.Times;
import dev.berth.web.view.TokensPage;
import dev.berth.web.view.UserTokensPage;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;

/**
 * {@code /admin/users/{username}/tokens}: an admin lists one user's API tokens and revokes any of
 * them. Admins only, by the core's access rules for {@code /admin/**}; the core audits revocations.
 */
public final class UserTokenPages {
  private final Pages pages;
  private final Auth auth;

  public UserTokenPages(Pages pages, Auth auth) {
    this.pages = pages;
    this.auth = auth;
  }

  public void register(JavalinConfig cfg) {
    cfg.routes.get("/admin/users/{username}/tokens", ctx -> show(ctx, null), Role.ADMIN);
    cfg.routes.post("/admin/users/{username}/tokens/{id}/revoke", this::revoke, Role.ADMIN);
  }

  private IdentityService identities() {
    return auth.identities().orElseThrow(() -> new io.javalin.http.HttpResponseException(409,
        "Berth keeps API tokens only in auth.mode local"));
  }

  private void show(Context ctx, String error) {
    long t0 = System.nanoTime();
    String username = ctx.pathParam("username");
    List<TokensPage.Token> tokens = identities().tokensOf(username).stream()
        .map(t -> new TokensPage.Token(t.id(), t.name(), Times.stamp(t.createdAt()),
            t.lastUsedAt() == null ? "never" : Times.stamp(t.lastUsedAt())))
        .toList();
    pages.render(ctx, "user-tokens.jte", "page",
        new UserTokensPage(pages.layout(ctx, "API tokens of " + username, "users", ""), username, tokens, error), t0);
  }

  private void revoke(Context ctx) {
    String username = ctx.pathParam("username");
    String id = ctx.pathParam("id");
    identities().user(username); // an unknown user is a 404 page, not an inline error
    try {
      identities().revokeTokenOf(Auth.principal(ctx), username, id);
    } catch (NotFoundException e) {
      ctx.status(404);
      show(ctx, e.getMessage() + "; it may have been revoked already.");
      return;
    }
    Flash.ok("Token " + id + " of " + username + " revoked.").store(ctx);
    ctx.redirect("/admin/users/" + username + "/tokens", HttpStatus.SEE_OTHER);
  }
}
