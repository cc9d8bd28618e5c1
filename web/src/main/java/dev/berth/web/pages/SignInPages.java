package dev.berth.web.pages;

import dev.berth.core.auth.Auth;
import dev.berth.core.auth.AuthMode;
import dev.berth.core.auth.Role;
import dev.berth.core.errors.TooManyRequestsException;
import dev.berth.web.support.Flash;
import dev.berth.web.support.LocalPath;
import dev.berth.web.view.LoginPage;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

/** {@code /login} and {@code /logout}: a password form that starts a session, and its end. */
public final class SignInPages {
  private final Pages pages;
  private final Auth auth;

  public SignInPages(Pages pages, Auth auth) {
    this.pages = pages;
    this.auth = auth;
  }

  public void register(JavalinConfig cfg) {
    cfg.routes.get("/login", this::show, Role.ANYONE);
    cfg.routes.post("/login", this::signIn, Role.ANYONE);
    cfg.routes.post("/logout", this::signOut, Role.ANYONE);
  }

  private void show(Context ctx) {
    if (Auth.maybePrincipal(ctx).isPresent()) {
      ctx.redirect(next(ctx.queryParam("next")), io.javalin.http.HttpStatus.SEE_OTHER);
      return;
    }
    render(ctx, next(ctx.queryParam("next")), "", null);
  }

  private void signIn(Context ctx) {
    String username = value(ctx.formParam("username"));
    String password = value(ctx.formParam("password"));
    String next = next(ctx.formParam("next"));
    if (auth.mode() != AuthMode.LOCAL) {
      render(ctx, next, username, null);
      return;
    }
    try {
      if (!username.isEmpty() && auth.signIn(ctx, username, password)) {
        ctx.redirect(next, io.javalin.http.HttpStatus.SEE_OTHER);
        return;
      }
    } catch (TooManyRequestsException e) {
      ctx.status(429).header("Retry-After", Long.toString(e.retryAfterSeconds()));
      render(ctx, next, username, "Too many failed attempts: " + e.getMessage() + ".");
      return;
    }
    ctx.status(401);
    render(ctx, next, username, "Wrong username or password.");
  }

  private void signOut(Context ctx) {
    auth.signOut(ctx);
    Flash.ok("Signed out.").store(ctx);
    ctx.redirect("/login", io.javalin.http.HttpStatus.SEE_OTHER);
  }

  private void render(Context ctx, String next, String username, String error) {
    long t0 = System.nanoTime();
    LoginPage page = new LoginPage(pages.layout(ctx, "Sign in", "", ""), next, username, error,
        auth.mode() == AuthMode.LOCAL);
    pages.render(ctx, "login.jte", "page", page, t0);
  }

  /** Only a path on this server: never an open redirect to another site. */
  static String next(String raw) {
    return LocalPath.orRoot(raw);
  }

  private static String value(String s) {
    return s == null ? "" : s;
  }
}
