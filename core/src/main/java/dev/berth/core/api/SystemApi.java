package dev.berth.core.api;

import dev.berth.api.StoreUnavailableException;
import dev.berth.core.auth.Role;
import dev.berth.core.host.Version;
import dev.berth.core.server.BerthServices;
import io.javalin.config.JavalinConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/** Health, readiness, metrics, resources and plugins: what operators and monitors read. */
final class SystemApi {
  private final BerthServices services;

  SystemApi(BerthServices services) {
    this.services = services;
  }

  void register(JavalinConfig cfg) {
    cfg.routes.get("/healthz", ctx -> ctx.json(Map.of("status", "up", "version", Version.current())), Role.ANYONE);
    cfg.routes.get("/readyz", ctx -> {
      try {
        services.store().checkHealth();
        ctx.json(Map.of("status", "ready"));
      } catch (StoreUnavailableException e) {
        ProblemResponses.send(ctx, 503, "Not ready", "queue store unavailable: " + e.getMessage(), java.util.List.of());
      }
    }, Role.ANYONE);
    cfg.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(services.metrics().scrape()), services.auth().metricsRole());
    cfg.routes.get("/api/v1/resources", ctx -> ctx.json(services.resources()), Role.USER);
    cfg.routes.get("/api/v1/plugins", ctx -> ctx.json(Map.of("plugins", services.plugins().plugins())), Role.USER);
    cfg.routes.get("/api/v1/templates", ctx -> ctx.json(Map.of("templates", services.executor().templates(),
        "default", services.config().defaultTemplate())), Role.USER);
    cfg.routes.get("/api/v1/version", ctx -> {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("version", Version.current());
      v.put("extensions", services.config().extensions());
      ctx.json(v);
    }, Role.USER);
  }
}
