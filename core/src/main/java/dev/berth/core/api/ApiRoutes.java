package dev.berth.core.api;

import dev.berth.core.server.BerthServices;
import io.javalin.config.JavalinConfig;

/** Registers the REST API and its error handling on a Javalin config. */
public final class ApiRoutes {
  private ApiRoutes() {}

  public static void register(JavalinConfig cfg, BerthServices services) {
    RequestBodies bodies = new RequestBodies(services.json(), services.config().maxBodyBytes());
    ProblemResponses.register(cfg, services.auth());
    services.auth().register(cfg);
    new IdentityApi(services, bodies).register(cfg);
    new JobsApi(services, bodies).register(cfg);
    new LogFollowApi(services).register(cfg);
    new SettingsApi(services, bodies).register(cfg);
    new SystemApi(services).register(cfg);
    new ReferenceSubmitApi(services, bodies).register(cfg);
  }
}
