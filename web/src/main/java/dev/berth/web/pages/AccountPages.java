package dev.berth.web.pages;

import dev.berth.core.auth.Auth;
import dev.berth.core.auth.IdentityService;
import dev.berth.core.auth.Role;
import dev.berth.core.errors.ValidationException;
import dev.berth.web.support.Flash;
import dev.berth.web.support.Times;
import dev.berth.web.view.TokensPage;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.List;

/** {@code /tokens}: the signed-in user's API tokens: create (shown once), list, revoke. */
public final class AccountPages {
  private final Pages pages;
  private final Auth auth;

  public AccountPages(Pages pages, Auth auth) {
    this.pages = pages;
    this.auth = auth;
  }

  public void register(JavalinConfig cfg) {
    cfg.routes.get("/tokens", ctx -> show(ctx, null, null), Role.USER);
    cfg.routes.post("/tokens", this::create, Role.USER);
    cfg.routes.post("/tokens/{id}/revoke", this::revoke, Role.USER);
  }

  private IdentityService identities(Context ctx) {
    return auth.identities().orElseThrow(() -> new io.javalin.http.HttpResponseException(409,
        "API tokens exist only when Berth keeps the users (auth.mode local)"));
  }

  private void show(Context ctx, TokensPage.Created created, String error) {
    long t0 = System.nanoTime();
    String me = Auth.principal(ctx).username();
    List<TokensPage.Token> tokens = identities(ctx).tokens(me).stream()
        .map(t -> new TokensPage.Token(t.id(), t.name(), Times.stamp(t.createdAt()),
            t.lastUsedAt() == null ? "never" : Times.stamp(t.lastUsedAt())))
        .toList();
    pages.render(ctx, "tokens.jte", "page", new TokensPage(pages.layout(ctx, "API tokens", "tokens", ""), tokens, created, error), t0);
  }

  private void create(Context ctx) {
    try {
      IdentityService.CreatedToken t = identities(ctx).createToken(Auth.principal(ctx).username(), ctx.formParam("name"));
      ctx.header("Cache-Control", "no-store");
      show(ctx, new TokensPage.Created(t.name(), t.token()), null);
    } catch (ValidationException e) {
      ctx.status(422);
      show(ctx, null, "Name " + e.errors().get(0).message() + ".");
    }
  }

  private void revoke(Context ctx) {
    identities(ctx).revokeToken(Auth.principal(ctx).username(), ctx.pathParam("id"));
    Flash.ok("Token revoked.").store(ctx);
    ctx.redirect("/tokens", io.javalin.http.HttpStatus.SEE_OTHER);
  }
}
