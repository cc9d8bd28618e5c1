package dev.berth.core.api;

import dev.berth.core.host.Version;
import dev.berth.core.server.BerthServices;
import io.javalin.config.JavalinConfig;

/** Registers the REST API, its error handling, its limits and the access gate on a Javalin config. */
public final class ApiRoutes {
  private ApiRoutes() {}

  public static void register(JavalinConfig cfg, BerthServices services) {
    RequestBodies bodies = new RequestBodies(services.json(), services.config().maxBodyBytes());
    ProblemResponses.register(cfg, services.auth());
    SecurityHeaders.register(cfg);
    cfg.jetty.modifyServer(server -> server.setErrorHandler(new JettyProblems(services.json())));
    // Before the access gate, which may parse a form to read its CSRF token.
    RequestLimits.register(cfg, services.config().maxBodyBytes());
    services.auth().register(cfg);
    // Each handler gets only the services it calls.
    new IdentityApi(services.auth(), bodies).register(cfg);
    new UserTokensApi(services.auth()).register(cfg);
    new UsageApi(services.usage()).register(cfg);
    new NotifyApi(services.notifyPreferences(), services.auth().audit(), bodies).register(cfg);
    new JobsApi(services.jobs(), services.access(), services.flowAccess(), services.flows(), bodies).register(cfg);
    new UtilizationApi(services.access(), services.idleGuard()).register(cfg);
    new LogFollowApi(services.jobs(), services.access(), services.clock()).register(cfg);
    new SettingsApi(services.settings(), bodies).register(cfg);
    new FairShareApi(services.fairShare()).register(cfg);
    new SystemApi(services.system(), services.resources(), services.jobs(), services.plugins(), services.config(),
        services.auth().metricsRole()).register(cfg);
    new ReferenceSubmitApi(services.jobs(), services.access(), services.json(), bodies).register(cfg);
    new OpenApiDocument(services.json(), Version.current()).register(cfg);
  }
}
