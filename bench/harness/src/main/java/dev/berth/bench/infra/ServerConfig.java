package dev.berth.bench.infra;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Berth config file for one benchmark, built as a tree of dotted keys. Every config starts from
 * {@code auth.mode: none} (the benchmark measures the queue, not sign-in; a Berth without
 * authentication ignores the key) and ends with the file named by {@code BENCH_BERTH_CONFIG}, if
 * set, merged over it: the way to add credentials or change a default for every server at once.
 */
public final class ServerConfig {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final Map<String, Object> tree = new LinkedHashMap<>();

  private ServerConfig() {
    set("auth.mode", "none");
  }

  /**
   * The bench plugin's executor and always-capacity probe over {@code store}, FIFO order and the
   * thresholds policy, as in production.
   *
   * @param redisUrl the Redis store's URL when {@code store} is Redis, else ignored
   */
  public static ServerConfig bench(StoreKind store, String redisUrl) {
    ServerConfig c = new ServerConfig();
    c.set("extensions.store", store.pluginId());
    c.set("extensions.executor", "bench");
    c.set("extensions.probe", "bench");
    c.set("extensions.policies", List.of("thresholds"));
    c.set("extensions.order", "fifo");
    c.set("probe.bench.gpus", 8);
    if (store == StoreKind.REDIS) {
      c.set("store.redis.url", redisUrl);
    }
    return c;
  }

  /**
   * The default plugins (local executor, nvidia-smi probe) with the probe pointed at a stand-in
   * {@code nvidia-smi} and an idle {@code /proc}.
   */
  public static ServerConfig local(Path nvidiaSmi, Path procRoot) {
    ServerConfig c = new ServerConfig();
    c.set("extensions.store", "sqlite");
    c.set("extensions.executor", "local");
    c.set("extensions.probe", "nvidia-smi");
    c.set("probe.nvidia-smi.command", nvidiaSmi.toString());
    c.set("probe.nvidia-smi.procRoot", procRoot.toString());
    c.set("probe.nvidia-smi.useCgroup", "false");
    c.set("probe.nvidia-smi.node", "bench");
    return c;
  }

  /** Sets {@code dottedKey} (such as {@code store.redis.url}) to {@code value}. */
  @SuppressWarnings("unchecked")
  public ServerConfig set(String dottedKey, Object value) {
    String[] parts = dottedKey.split("\\.");
    Map<String, Object> node = tree;
    for (int i = 0; i < parts.length - 1; i++) {
      node = (Map<String, Object>) node.computeIfAbsent(parts[i], k -> new LinkedHashMap<String, Object>());
    }
    node.put(parts[parts.length - 1], value);
    return this;
  }

  /** Writes the YAML file, with {@code BENCH_BERTH_CONFIG} merged over it. */
  public Path write(Path file) {
    Map<String, Object> out = new LinkedHashMap<>(tree);
    String extra = System.getenv("BENCH_BERTH_CONFIG");
    try {
      if (extra != null && !extra.isBlank()) {
        Object parsed = YAML.readValue(Path.of(extra).toFile(), Object.class);
        if (parsed instanceof Map<?, ?> map) {
          deepMerge(out, map);
        } else if (parsed != null) {
          throw new IllegalArgumentException("BENCH_BERTH_CONFIG " + extra + ": the top level must be a map");
        }
      }
      Files.createDirectories(file.getParent());
      Files.writeString(file, YAML.writeValueAsString(out));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static void deepMerge(Map<String, Object> base, Map<?, ?> over) {
    over.forEach((k, v) -> {
      String key = String.valueOf(k);
      if (v instanceof Map<?, ?> overMap && base.get(key) instanceof Map<?, ?> baseMap) {
        Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) baseMap);
        deepMerge(copy, overMap);
        base.put(key, copy);
      } else {
        base.put(key, v);
      }
    });
  }
}
