package dev.berth.core.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link BerthConfig} from the built-in defaults, an optional YAML file, {@code BERTH_*}
 * environment variables and command-line overrides, in that order of increasing precedence.
 */
public final class ConfigLoader {
  private static final String DEFAULTS = "/dev/berth/core/default-config.yaml";
  private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

  /**
   * @param file the file given with --config, or null
   * @param env the process environment
   * @param overrides dotted keys set by flags, such as {@code server.port}
   */
  public BerthConfig load(Path file, Map<String, String> env, Map<String, Object> overrides) {
    Map<String, Object> tree = readDefaults();
    if (file != null) {
      deepMerge(tree, readFile(file));
    }
    new EnvOverrides(yaml).apply(tree, env, List.of());
    // The Helm chart and automation set the first administrator's password under this name.
    String adminPassword = env.get("BERTH_ADMIN_PASSWORD");
    if (adminPassword != null && !adminPassword.isEmpty()) {
      set(tree, "auth.initialAdminPassword", adminPassword);
    }
    overrides.forEach((key, value) -> set(tree, key, value));
    return bind(tree);
  }

  private Map<String, Object> readDefaults() {
    try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULTS)) {
      return mutable(yaml.readValue(in, Map.class));
    } catch (IOException e) {
      throw new IllegalStateException("built-in defaults unreadable", e);
    }
  }

  private Map<String, Object> readFile(Path file) {
    try {
      Object parsed = yaml.readValue(Files.readAllBytes(file), Object.class);
      if (parsed == null) {
        return new LinkedHashMap<>();
      }
      if (!(parsed instanceof Map<?, ?> map)) {
        throw new ConfigException(file + ": the top level must be a map of sections");
      }
      return mutable(map);
    } catch (NoSuchFileException e) {
      throw new ConfigException("config file not found: " + file);
    } catch (IOException e) {
      throw new ConfigException(file + ": not valid YAML: " + firstLine(e.getMessage()), e);
    }
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> mutable(Map<?, ?> map) {
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(String.valueOf(k), v instanceof Map<?, ?> m ? mutable(m) : v));
    return out;
  }

  @SuppressWarnings("unchecked")
  static void deepMerge(Map<String, Object> base, Map<String, Object> over) {
    over.forEach(
        (key, value) -> {
          if (value instanceof Map<?, ?> overMap && base.get(key) instanceof Map<?, ?> baseMap) {
            deepMerge((Map<String, Object>) baseMap, (Map<String, Object>) overMap);
          } else {
            base.put(key, value);
          }
        });
  }

  @SuppressWarnings("unchecked")
  private static void set(Map<String, Object> tree, String dottedKey, Object value) {
    String[] parts = dottedKey.split("\\.");
    Map<String, Object> node = tree;
    for (int i = 0; i < parts.length - 1; i++) {
      node = (Map<String, Object>) node.computeIfAbsent(parts[i], k -> new LinkedHashMap<>());
    }
    node.put(parts[parts.length - 1], value);
  }

  private static BerthConfig bind(Map<String, Object> tree) {
    TreeReader r = new TreeReader(tree);
    Path dataDir = Path.of(r.string("dataDir"));
    String pluginsDir = r.string("pluginsDir");
    int port = r.integer("server.port", 0, 65535);
    Extensions extensions =
        new Extensions(
            r.string("extensions.store"),
            r.string("extensions.executor"),
            r.string("extensions.probe"),
            r.stringList("extensions.policies"),
            r.string("extensions.order"),
            r.stringList("extensions.listeners"),
            r.string("extensions.lease").trim());
    for (String single : List.of("store", "executor", "probe", "order")) {
      if (r.string("extensions." + single).isBlank()) {
        throw new ConfigException("extensions." + single + " must name a plugin id");
      }
    }
    r.integer(BerthConfig.TIME_LIMIT_SLACK_KEY, 0, 86_400); // checked now; read by timeLimitSlack()
    checkPluginSections(tree);
    return new BerthConfig(
        r.string("server.host"),
        port,
        dataDir,
        pluginsDir.isBlank() ? dataDir.resolve("plugins") : Path.of(pluginsDir),
        extensions,
        r.string("api.defaultTemplate"),
        r.integer("api.maxBodyBytes", 1024, 64L * 1024 * 1024),
        Duration.ofSeconds(r.integer("reconciler.intervalSeconds", 1, 3600)),
        Duration.ofSeconds(r.integer("lease.ttlSeconds", 3, 3600)),
        tree);
  }

  /**
   * A plugin's config is one map merged from {@code <point>.<pluginId>} under every point (see
   * {@link BerthConfig#pluginSection}); a key set in two of them would make one silently win.
   */
  private static void checkPluginSections(Map<String, Object> tree) {
    Map<String, String> seen = new LinkedHashMap<>();
    for (String parent : BerthConfig.PLUGIN_SECTION_PARENTS) {
      if (!(tree.get(parent) instanceof Map<?, ?> section)) {
        continue;
      }
      section.forEach((id, own) -> {
        if (own instanceof Map<?, ?> keys) {
          for (Object key : keys.keySet()) {
            String here = parent + "." + id + "." + key;
            String before = seen.putIfAbsent(id + "\u0000" + key, here);
            if (before != null) {
              throw new ConfigException(here + " and " + before + " are both set; plugin '" + id
                  + "' reads one config map merged from all its sections, so set the key in one of them");
            }
          }
        }
      });
    }
  }

  /** Typed reads of dotted keys with errors that name the key. */
  private record TreeReader(Map<String, Object> tree) {
    Object raw(String key) {
      Object node = tree;
      for (String part : key.split("\\.")) {
        node = node instanceof Map<?, ?> m ? m.get(part) : null;
      }
      return node;
    }

    String string(String key) {
      Object v = raw(key);
      if (v instanceof Map<?, ?> || v instanceof List<?>) {
        throw new ConfigException(key + " must be a single value");
      }
      return v == null ? "" : v.toString();
    }

    int integer(String key, long min, long max) {
      Object v = raw(key);
      long value;
      try {
        value = v instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(v).trim());
      } catch (NumberFormatException e) {
        throw new ConfigException(key + " must be a whole number, was '" + v + "'");
      }
      if (value < min || value > max) {
        throw new ConfigException(key + " must be between " + min + " and " + max + ", was " + value);
      }
      return (int) value;
    }

    List<String> stringList(String key) {
      Object v = raw(key);
      List<String> out = new ArrayList<>();
      if (v instanceof List<?> list) {
        list.forEach(o -> out.add(String.valueOf(o)));
      } else if (v != null && !v.toString().isBlank()) {
        for (String s : v.toString().split(",")) {
          out.add(s.trim());
        }
      }
      return out;
    }
  }
}
