package dev.berth.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.api.Settings;
import dev.berth.core.auth.Role;
import dev.berth.core.errors.NotFoundException;
import dev.berth.core.errors.ValidationException;
import dev.berth.core.settings.SettingsService;
import dev.berth.core.settings.SettingsSection;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /api/v1/settings}: every section with its schema; PUT validates and stores one section. */
final class SettingsApi {
  private final SettingsService settings;
  private final RequestBodies bodies;

  SettingsApi(SettingsService settings, RequestBodies bodies) {
    this.settings = settings;
    this.bodies = bodies;
  }

  void register(JavalinConfig cfg) {
    cfg.routes.get("/api/v1/settings", ctx -> {
      Map<String, Object> out = new LinkedHashMap<>();
      for (SettingsSection s : settings.sections()) {
        out.put(s.schema().section(), view(s));
      }
      ctx.json(out);
    }, Role.USER);
    cfg.routes.get("/api/v1/settings/{section}", ctx -> ctx.json(view(section(ctx.pathParam("section")))), Role.USER);
    cfg.routes.put("/api/v1/settings/{section}", this::put, Role.ADMIN);
  }

  private SettingsSection section(String name) {
    return settings.section(name).orElseThrow(() -> new NotFoundException("no settings section '" + name + "'"));
  }

  private void put(Context ctx) {
    String name = ctx.pathParam("section");
    section(name);
    JsonNode body = bodies.json(ctx);
    if (!body.isObject()) {
      throw ValidationException.of("body", "must be a JSON object of setting keys to values");
    }
    Map<String, Object> input = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      if (v.isContainerNode() || v.isNull()) {
        throw ValidationException.of(e.getKey(), "must be a number, boolean or string");
      }
      input.put(e.getKey(), v.isBoolean() ? (Object) v.booleanValue() : v.isNumber() ? v.numberValue() : v.asText());
    }
    settings.update(name, input, dev.berth.core.auth.Auth.principal(ctx).username());
    ctx.json(view(section(name)));
  }

  private static Map<String, Object> view(SettingsSection s) {
    Settings current = s.current();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("section", s.schema().section());
    out.put("title", s.schema().title());
    out.put("version", current.version());
    out.put("values", current.values());
    out.put("settings", s.schema().settings());
    return out;
  }
}
