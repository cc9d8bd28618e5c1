package dev.berth.core.server;

import io.javalin.config.JavalinConfig;

/**
 * A module that adds routes to Berth's server, found with {@link java.util.ServiceLoader}: the web
 * UI registers itself this way, so the core does not depend on it.
 */
public interface WebModule {

  /** Adds routes, static files or a renderer; called inside {@code Javalin.create(...)}. */
  void register(JavalinConfig config, BerthServices services);
}
