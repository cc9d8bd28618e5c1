package dev.berth.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.api.NotifyPreferences;
import dev.berth.core.auth.Auth;
import dev.berth.core.auth.AuditLog;
import dev.berth.core.auth.Role;
import dev.berth.core.errors.FieldError;
import dev.berth.core.errors.ValidationException;
import dev.berth.core.notify.NotifyPreferencesService;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code /api/v1/me/notifications}: the caller's own notification address, events and webhook. */
final class NotifyApi {
  private static final Set<String> FIELDS = Set.of("email", "events", "webhookUrl");

  private final NotifyPreferencesService preferences;
  private final AuditLog audit;
  private final RequestBodies bodies;

  NotifyApi(NotifyPreferencesService preferences, AuditLog audit, RequestBodies bodies) {
    this.preferences = preferences;
    this.audit = audit;
    this.bodies = bodies;
  }

  void register(JavalinConfig cfg) {
    cfg.routes.get("/api/v1/me/notifications",
        ctx -> ctx.json(view(preferences.preferences(Auth.principal(ctx).username()))), Role.USER);
    cfg.routes.put("/api/v1/me/notifications", this::put, Role.USER);
  }

  private void put(Context ctx) {
    JsonNode body = bodies.json(ctx);
    if (!body.isObject()) {
      throw ValidationException.of("body", "must be a JSON object");
    }
    List<FieldError> errors = new ArrayList<>();
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!FIELDS.contains(f)) {
        errors.add(new FieldError(f, "unknown field; allowed: email, events, webhookUrl"));
      }
    }
    String email = text(body, "email", errors);
    String webhookUrl = text(body, "webhookUrl", errors);
    List<String> events = new ArrayList<>();
    JsonNode list = body.get("events");
    if (list == null || list.isNull()) {
      events.addAll(NotifyPreferences.DEFAULT_EVENTS);
    } else if (!list.isArray()) {
      errors.add(new FieldError("events", "must be a list, such as [\"failed\", \"timed_out\"]"));
    } else {
      list.forEach(e -> events.add(e.isTextual() ? e.asText() : e.toString()));
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    String user = Auth.principal(ctx).username();
    NotifyPreferences saved = preferences.save(user, email, events, webhookUrl);
    // The address and URL are the user's own data, not secrets, but the audit log needs neither.
    audit.record(user, "notifications.update", user, "events " + String.join(",", saved.events().stream().sorted().toList()));
    ctx.json(view(saved));
  }

  private static String text(JsonNode body, String field, List<FieldError> errors) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      errors.add(new FieldError(field, "must be a string"));
      return null;
    }
    return v.asText();
  }

  static Map<String, Object> view(NotifyPreferences p) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("email", p.email());
    out.put("events", p.events().stream().sorted().toList());
    out.put("webhookUrl", p.webhookUrl());
    return out;
  }
}
