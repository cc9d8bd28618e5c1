package dev.berth.bench.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerConfigTest {
  @TempDir Path dir;

  @Test
  void benchConfigChoosesTheBenchPluginsAndTurnsSignInOff() throws Exception {
    Path file = ServerConfig.bench(StoreKind.REDIS, "redis://127.0.0.1:1/0").set("store.redis.testOnBorrow", false)
        .write(dir.resolve("berth.yaml"));

    @SuppressWarnings("unchecked")
    Map<String, Object> tree = new ObjectMapper(new YAMLFactory()).readValue(file.toFile(), Map.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> extensions = (Map<String, Object>) tree.get("extensions");

    assertThat(tree.get("auth")).isEqualTo(Map.of("mode", "none"));
    assertThat(extensions).containsEntry("store", "redis").containsEntry("executor", "bench")
        .containsEntry("probe", "bench").containsEntry("policies", List.of("thresholds"));
    assertThat(tree.get("store")).isEqualTo(Map.of("redis", Map.of("url", "redis://127.0.0.1:1/0", "testOnBorrow", false)));
  }

  @Test
  void anExtraFileMergesKeyByKey() {
    Map<String, Object> base = new LinkedHashMap<>(Map.of("auth", Map.of("mode", "none"), "a", 1));
    ServerConfig.deepMerge(base, Map.of("auth", Map.of("tokens", "x"), "a", 2));

    assertThat(base).containsEntry("a", 2).containsEntry("auth", Map.of("mode", "none", "tokens", "x"));
  }
}
