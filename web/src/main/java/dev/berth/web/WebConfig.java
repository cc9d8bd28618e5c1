package dev.berth.web;

import dev.berth.core.config.BerthConfig;
import java.nio.file.Path;
import java.util.Map;

/**
 * The web UI's own settings: the {@code web:} section of the config file, and dev mode from the
 * environment (it is a developer's switch, not a deployment setting).
 *
 * @param argoUiUrl base URL of the Argo Workflows UI, such as {@code https://argo.example.org}; empty
 *     hides the link on the job page
 * @param argoNamespace the namespace Argo workflows live in, for the link; {@code
 *     executor.argo.namespace} when set, else {@code default}
 * @param pageSize queued jobs per page on the queue page
 * @param maxPluginJarBytes largest plugin jar the admin page accepts
 * @param devTemplates the template source directory to hot-reload from, or null for the precompiled
 *     templates
 */
public record WebConfig(String argoUiUrl, String argoNamespace, int pageSize, long maxPluginJarBytes, Path devTemplates) {
  static final int DEFAULT_PAGE_SIZE = 50;
  static final long DEFAULT_MAX_PLUGIN_JAR_MIB = 64;

  /** Reads {@code web.*} (and {@code executor.argo.namespace}) from the merged config tree. */
  public static WebConfig from(BerthConfig config, Map<String, String> env, Map<Object, Object> systemProperties) {
    Map<?, ?> web = section(config.tree(), "web");
    Map<?, ?> argo = section(section(config.tree(), "executor"), "argo");
    String ui = text(web.get("argoUiUrl"), "").trim();
    while (ui.endsWith("/")) {
      ui = ui.substring(0, ui.length() - 1);
    }
    int pageSize = (int) number(web.get("pageSize"), DEFAULT_PAGE_SIZE, 10, 1000, "web.pageSize");
    long maxMiB = number(web.get("maxPluginJarMiB"), DEFAULT_MAX_PLUGIN_JAR_MIB, 1, 1024, "web.maxPluginJarMiB");
    return new WebConfig(ui, text(argo.get("namespace"), "default"), pageSize, maxMiB * 1024 * 1024,
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
