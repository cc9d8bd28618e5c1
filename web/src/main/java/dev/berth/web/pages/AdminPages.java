package dev.berth.web.pages;

import dev.berth.core.auth.Auth;
import dev.berth.core.auth.IdentityService;
import dev.berth.core.auth.Role;
import dev.berth.core.errors.ConflictException;
import dev.berth.core.errors.FieldError;
import dev.berth.core.errors.ValidationException;
import dev.berth.web.support.Flash;
import dev.berth.web.support.Times;
import dev.berth.web.view.AuditPage;
import dev.berth.web.view.UsersPage;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code /admin/users} (add users, make or unmake admins, disable, reset passwords, set fair-share
 * shares) and {@code /admin/audit}. Admins only, by the core's access rules; every change is audited by the core.
 */
public final class AdminPages {
  static final int AUDIT_SHOWN = 500;
  private final Pages pages;
  private final Auth auth;

  public AdminPages(Pages pages, Auth auth) {
    this.pages = pages;
    this.auth = auth;
  }

  public void register(JavalinConfig cfg) {
    cfg.routes.get("/admin/users", ctx -> users(ctx, null, null), Role.ADMIN);
    cfg.routes.post("/admin/users", this::create, Role.ADMIN);
    cfg.routes.post("/admin/users/{username}", this::update, Role.ADMIN);
    cfg.routes.get("/admin/audit", this::audit, Role.ADMIN);
  }

  private IdentityService identities() {
    return auth.identities().orElseThrow(() -> new io.javalin.http.HttpResponseException(409,
        "Berth keeps users only in auth.mode local; in proxy mode the identity provider does"));
  }

  /** A shares value refused for one user: shown again in that user's row, with why. */
  private record RefusedShares(String username, String typed, String why) {}

  private void users(Context ctx, String error, RefusedShares refused) {
    long t0 = System.nanoTime();
    List<UsersPage.User> users = identities().users().stream()
        .map(u -> {
          boolean mine = refused != null && refused.username().equals(u.username());
          return new UsersPage.User(u.username(), u.admin(), u.disabled(), Times.stamp(u.createdAt()),
              mine ? refused.typed() : Integer.toString(u.shares()), mine ? refused.why() : null);
        })
        .toList();
    pages.render(ctx, "users.jte", "page", new UsersPage(pages.layout(ctx, "Users", "users", ""), users, error), t0);
  }

  private void create(Context ctx) {
    String username = ctx.formParam("username");
    try {
      identities().createUser(Auth.principal(ctx), username, ctx.formParam("password"), "true".equals(ctx.formParam("admin")));
    } catch (ValidationException e) {
      ctx.status(422);
      users(ctx, describe(e.errors()), null);
      return;
    } catch (ConflictException e) {
      ctx.status(409);
      users(ctx, e.getMessage(), null);
      return;
    }
    Flash.ok("User " + username + " added.").store(ctx);
    ctx.redirect("/admin/users", io.javalin.http.HttpStatus.SEE_OTHER);
  }

  private void update(Context ctx) {
    String username = ctx.pathParam("username");
    String password = ctx.formParam("password");
    Boolean admin = flag(ctx.formParam("admin"));
    Boolean disabled = flag(ctx.formParam("disabled"));
    String typedShares = ctx.formParam("shares");
    if (password != null && password.isEmpty()) {
      password = admin == null && disabled == null && typedShares == null ? "" : null;
    }
    IdentityService.Updated updated;
    try {
      Integer shares = typedShares == null ? null : shares(typedShares);
      updated = identities().updateUser(Auth.principal(ctx), username, password, admin, disabled, shares);
    } catch (ValidationException e) {
      ctx.status(422);
      List<FieldError> sharesErrors = e.errors().stream().filter(f -> f.field().equals("shares")).toList();
      if (typedShares != null && !sharesErrors.isEmpty()) {
        users(ctx, null, new RefusedShares(username, typedShares, sharesErrors.get(0).message()));
      } else {
        users(ctx, describe(e.errors()), null);
      }
      return;
    } catch (ConflictException e) {
      ctx.status(409);
      users(ctx, e.getMessage(), null);
      return;
    }
    Flash.ok(password == null ? "User " + username + " changed."
        : "Password of " + username + " reset; " + IdentityService.tokens(updated.tokensRevoked()) + " revoked.").store(ctx);
    ctx.redirect("/admin/users", io.javalin.http.HttpStatus.SEE_OTHER);
  }

  private void audit(Context ctx) {
    long t0 = System.nanoTime();
    List<AuditPage.Entry> entries = auth.audit().recent(AUDIT_SHOWN).stream()
        .map(e -> new AuditPage.Entry(Times.stamp(e.at()), Times.iso(e.at()), e.actor(), e.action(), e.target(), e.detail()))
        .toList();
    pages.render(ctx, "audit.jte", "page",
        new AuditPage(pages.layout(ctx, "Audit log", "audit", ""), entries, auth.audit().stored()), t0);
  }

  /** The typed shares as a number; the range is the core's to check. */
  private static Integer shares(String typed) {
    try {
      return Integer.valueOf(typed.trim());
    } catch (NumberFormatException e) {
      throw ValidationException.of("shares", "must be a whole number from 1 to " + IdentityService.MAX_SHARES);
    }
  }

  private static Boolean flag(String raw) {
    return raw == null || raw.isEmpty() ? null : Boolean.valueOf("true".equals(raw));
  }

  private static String describe(List<FieldError> errors) {
    return errors.stream().map(f -> f.field() + " " + f.message()).collect(Collectors.joining("; ")) + ".";
  }
}
