package dev.berth.web;

import dev.berth.core.config.BerthConfig;
import java.nio.file.Path;
import java.util.Map;

/**
 * The web UI's own settings: the {@code web:} section of the config file, and dev mode from the
 * environment (it is a developer's switch, not a deployment setting).
 *
 * @param pageSize queued jobs per page on the queue page
 * @param maxPluginJarBytes largest plugin jar the admin page accepts
 * @param devTemplates the template source directory to hot-reload from, or null for the precompiled
 *     templates
 */
public record WebConfig(int pageSize, long maxPluginJarBytes, Path devTemplates) {
  static final int DEFAULT_PAGE_SIZE = 50;
  static final long DEFAULT_MAX_PLUGIN_JAR_MIB = 64;

  /** Reads {@code web.*} from the merged config tree. */
  public static WebConfig from(BerthConfig config, Map<String, String> env, Map<Object, Object> systemProperties) {
    Map<?, ?> web = section(config.tree(), "web");
    if (!text(web.get("argoUiUrl"), "").isEmpty()) {
      // The link to a run is the executor's now (RunLinks); a silently ignored key would lose it.
      throw new dev.berth.core.config.ConfigException(
          "web.argoUiUrl has moved to executor.argo.uiUrl; set it there (docs/kubernetes.md)");
    }
    int pageSize = (int) number(web.get("pageSize"), DEFAULT_PAGE_SIZE, 10, 1000, "web.pageSize");
    long maxMiB = number(web.get("maxPluginJarMiB"), DEFAULT_MAX_PLUGIN_JAR_MIB, 1, 1024, "web.maxPluginJarMiB");
    return new WebConfig(pageSize, maxMiB * 1024 * 1024,
        DevMode.templates(env, systemProperties));
  }

  private static Map<?, ?> section(Map<?, ?> tree, String key) {
    return tree != null && tree.get(key) instanceof Map<?, ?> m ? m : Map.of();
  }

  private static String text(Object v, String fallback) {
    return v == null || v.toString().isBlank() ? fallback : v.toString();
  }

  private static long number(Object v, long fallback, long min, long max, String key) {
    if (v == null || v.toString().isBlank()) {
      return fallback;
    }
    long n;
    try {
      n = v instanceof Number num ? num.longValue() : Long.parseLong(v.toString().trim());
    } catch (NumberFormatException e) {
      throw new dev.berth.core.config.ConfigException(key + " must be a whole number, was '" + v + "'");
    }
    if (n < min || n > max) {
      throw new dev.berth.core.config.ConfigException(key + " must be between " + min + " and " + max + ", was " + n);
    }
    return n;
  }
}
