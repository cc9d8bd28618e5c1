package dev.berth.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dev mode: with {@code BERTH_WEB_DEV=true} (or {@code -Dberth.web.dev=true}) templates are read
 * and recompiled from source on change, so a template edit shows at the next reload. The source
 * directory is {@code BERTH_WEB_TEMPLATES} ({@code -Dberth.web.templates}), else {@code
 * web/src/main/jte} under the working directory or under the checkout that holds {@code
 * berth.home}.
 */
final class DevMode {
  private static final Logger LOG = LoggerFactory.getLogger(DevMode.class);
  static final String SOURCE = "web/src/main/jte";

  private DevMode() {}

  static Path templates(Map<String, String> env, Map<Object, Object> props) {
    boolean on = "true".equalsIgnoreCase(setting(env, props, "BERTH_WEB_DEV", "berth.web.dev"));
    if (!on) {
      return null;
    }
    String explicit = setting(env, props, "BERTH_WEB_TEMPLATES", "berth.web.templates");
    Path dir;
    if (explicit != null && !explicit.isBlank()) {
      dir = Path.of(explicit);
    } else {
      dir = Path.of(SOURCE);
      Object home = props.get("berth.home");
      if (!Files.isDirectory(dir) && home != null) {
        // ./berth runs from dist/target/berth inside the checkout.
        dir = Path.of(home.toString()).toAbsolutePath().normalize().resolve("../../..").normalize().resolve(SOURCE);
      }
    }
    if (!Files.isDirectory(dir)) {
      LOG.warn("Web dev mode is on but {} is no directory; serving the precompiled templates", dir.toAbsolutePath());
      return null;
    }
    LOG.info("Web dev mode: templates hot-reload from {}", dir.toAbsolutePath());
    return dir.toAbsolutePath();
  }

  private static String setting(Map<String, String> env, Map<Object, Object> props, String envName, String propName) {
    Object p = props.get(propName);
    return p != null ? p.toString() : env.get(envName);
  }
}
