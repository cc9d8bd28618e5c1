package dev.berth.core.api;

import dev.berth.api.StoreUnavailableException;
import dev.berth.core.auth.Role;
import dev.berth.core.host.Version;
import dev.berth.core.config.BerthConfig;
import dev.berth.core.host.PluginHost;
import dev.berth.core.jobs.JobService;
import dev.berth.core.scheduler.ResourceService;
import dev.berth.core.server.SystemStatus;
import io.javalin.config.JavalinConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/** Health, readiness, metrics, resources and plugins: what operators and monitors read. */
final class SystemApi {
  private final SystemStatus system;
  private final ResourceService resources;
  private final JobService jobs;
  private final PluginHost plugins;
  private final BerthConfig config;
  private final Role metricsRole;

  SystemApi(SystemStatus system, ResourceService resources, JobService jobs, PluginHost plugins, BerthConfig config,
      Role metricsRole) {
    this.system = system;
    this.resources = resources;
    this.jobs = jobs;
    this.plugins = plugins;
    this.config = config;
    this.metricsRole = metricsRole;
  }

  void register(JavalinConfig cfg) {
    cfg.routes.get("/healthz", ctx -> ctx.json(Map.of("status", "up", "version", Version.current())), Role.ANYONE);
    cfg.routes.get("/readyz", ctx -> {
      try {
        system.checkReady();
        ctx.json(Map.of("status", "ready"));
      } catch (StoreUnavailableException e) {
        ProblemResponses.send(ctx, 503, "Not ready", "queue store unavailable: " + e.getMessage(), java.util.List.of());
      }
    }, Role.ANYONE);
    cfg.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(system.metricsText()), metricsRole);
    cfg.routes.get("/api/v1/resources", ctx -> ctx.json(resources.report()), Role.USER);
    cfg.routes.get("/api/v1/plugins", ctx -> ctx.json(Map.of("plugins", plugins.plugins())), Role.USER);
    cfg.routes.get("/api/v1/templates", ctx -> ctx.json(Map.of("templates", jobs.templates(),
        "default", config.defaultTemplate())), Role.USER);
    cfg.routes.get("/api/v1/version", ctx -> {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("version", Version.current());
      v.put("extensions", config.extensions());
      ctx.json(v);
    }, Role.USER);
  }
}
