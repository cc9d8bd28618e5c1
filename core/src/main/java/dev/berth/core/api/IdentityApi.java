package dev.berth.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.api.ApiToken;
import dev.berth.api.UserAccount;
import dev.berth.core.auth.Auth;
import dev.berth.core.auth.IdentityService;
import dev.berth.core.auth.Principal;
import dev.berth.core.auth.Role;
import dev.berth.core.errors.ConflictException;
import dev.berth.core.errors.FieldError;
import dev.berth.core.errors.ValidationException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/v1/me} (who am I, my API tokens), {@code /api/v1/users} (admins manage local users)
 * and {@code /api/v1/audit}. Access (signed in, admin) is checked by {@link Auth} before these run.
 */
final class IdentityApi {
  private final Auth auth;
  private final RequestBodies bodies;

  IdentityApi(Auth auth, RequestBodies bodies) {
    this.auth = auth;
    this.bodies = bodies;
  }

  void register(JavalinConfig cfg) {
    cfg.routes.get("/api/v1/me", this::me, Role.USER);
    cfg.routes.get("/api/v1/me/tokens", ctx -> ctx.json(Map.of("tokens",
        identities().tokens(Auth.principal(ctx).username()).stream().map(IdentityApi::token).toList())), Role.USER);
    cfg.routes.post("/api/v1/me/tokens", this::createToken, Role.USER);
    cfg.routes.delete("/api/v1/me/tokens/{id}", ctx -> {
      identities().revokeToken(Auth.principal(ctx).username(), ctx.pathParam("id"));
      ctx.status(204);
    }, Role.USER);
    cfg.routes.get("/api/v1/users", ctx -> ctx.json(Map.of("users", identities().users().stream().map(IdentityApi::user).toList())), Role.ADMIN);
    cfg.routes.post("/api/v1/users", this::createUser, Role.ADMIN);
    cfg.routes.get("/api/v1/users/{username}", ctx -> ctx.json(user(identities().user(ctx.pathParam("username")))), Role.ADMIN);
    cfg.routes.patch("/api/v1/users/{username}", this::updateUser, Role.ADMIN);
    cfg.routes.get("/api/v1/audit", ctx -> ctx.json(Map.of("entries",
        auth.audit().recent(JobsApi.intParam(ctx, "limit", 100, 1, 10_000)))), Role.ADMIN);
  }

  private IdentityService identities() {
    return auth.identities().orElseThrow(() -> new ConflictException(
        "users and API tokens are kept by Berth only in auth.mode local (this server runs in "
            + auth.mode().name().toLowerCase(java.util.Locale.ROOT) + " mode)"));
  }

  private void me(Context ctx) {
    Principal p = Auth.principal(ctx);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("username", p.username());
    out.put("admin", p.admin());
    out.put("via", p.via());
    out.put("mode", auth.mode().name().toLowerCase(java.util.Locale.ROOT));
    ctx.json(out);
  }

  private void createToken(Context ctx) {
    JsonNode body = object(ctx, Set.of("name"));
    JsonNode name = body.get("name");
    if (name == null || !name.isTextual()) {
      throw ValidationException.of("name", "is required, a string");
    }
    IdentityService.CreatedToken t = identities().createToken(Auth.principal(ctx).username(), name.asText());
    ctx.status(201).json(t);
  }

  private void createUser(Context ctx) {
    JsonNode body = object(ctx, Set.of("username", "password", "admin"));
    List<FieldError> errors = new ArrayList<>();
    String username = text(body, "username", true, errors);
    String password = text(body, "password", true, errors);
    Boolean admin = bool(body, "admin", errors);
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    UserAccount u = identities().createUser(Auth.principal(ctx), username, password, admin != null && admin);
    ctx.status(201).header("Location", "/api/v1/users/" + u.username()).json(user(u));
  }

  private void updateUser(Context ctx) {
    JsonNode body = object(ctx, Set.of("password", "admin", "disabled", "shares"));
    List<FieldError> errors = new ArrayList<>();
    String password = text(body, "password", false, errors);
    Boolean admin = bool(body, "admin", errors);
    Boolean disabled = bool(body, "disabled", errors);
    Integer shares = shares(body, errors);
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    IdentityService.Updated u = identities().updateUser(Auth.principal(ctx), ctx.pathParam("username"), password, admin,
        disabled, shares);
    Map<String, Object> out = user(u.user());
    out.put("tokensRevoked", u.tokensRevoked());
    ctx.json(out);
  }

  private JsonNode object(Context ctx, Set<String> allowed) {
    JsonNode body = bodies.json(ctx);
    if (!body.isObject()) {
      throw ValidationException.of("body", "must be a JSON object");
    }
    List<FieldError> errors = new ArrayList<>();
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!allowed.contains(f)) {
        errors.add(new FieldError(f, "unknown field; allowed: " + String.join(", ", allowed.stream().sorted().toList())));
      }
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    return body;
  }

  private static String text(JsonNode body, String field, boolean required, List<FieldError> errors) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        errors.add(new FieldError(field, "is required"));
      }
      return null;
    }
    if (!v.isTextual()) {
      errors.add(new FieldError(field, "must be a string"));
      return null;
    }
    return v.asText();
  }

  private static Boolean bool(JsonNode body, String field, List<FieldError> errors) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isBoolean()) {
      errors.add(new FieldError(field, "must be true or false"));
      return null;
    }
    return v.booleanValue();
  }

  /** A whole number from 1 to {@link IdentityService#MAX_SHARES}, or null when not given. */
  private static Integer shares(JsonNode body, List<FieldError> errors) {
    JsonNode v = body.get("shares");
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 1 || v.intValue() > IdentityService.MAX_SHARES) {
      errors.add(new FieldError("shares", "must be a whole number from 1 to " + IdentityService.MAX_SHARES));
      return null;
    }
    return v.intValue();
  }

  /** A user without the password hash. */
  static Map<String, Object> user(UserAccount u) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("username", u.username());
    out.put("admin", u.admin());
    out.put("disabled", u.disabled());
    out.put("createdAt", u.createdAt());
    out.put("shares", u.shares());
    return out;
  }

  /** A token without its hash. */
  static Map<String, Object> token(ApiToken t) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", t.id());
    out.put("name", t.name());
    out.put("createdAt", t.createdAt());
    out.put("lastUsedAt", t.lastUsedAt());
    return out;
  }
}
