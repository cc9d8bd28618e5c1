package dev.berth.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.PluginConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Config section store.redis: defaults, the URL forms, where the password comes from, and clear errors. */
class RedisStoreConfigTest {
  @TempDir Path dir;

  @Test
  void defaultsConnectToLocalRedisUnderTheBerthPrefix() {
    RedisStoreConfig config = parse(Map.of(), Map.of());

    assertThat(config.endpoint()).isEqualTo(new RedisEndpoint("localhost", 6379, false, null, null, 0));
    assertThat(config.password()).isNull();
    assertThat(config.prefix()).isEqualTo("berth:");
    assertThat(config.maxConnections()).isEqualTo(16);
    assertThat(config.minIdleConnections()).isEqualTo(1);
    assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.socketTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.borrowTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.testOnBorrow()).isFalse();
    assertThat(config.eventsMaxPerJob()).isEqualTo(100);
    assertThat(config.changesMaxLength()).isEqualTo(10_000);
    assertThat(config.requirePersistence()).isFalse();
    assertThat(config.clientName()).isEqualTo("berth");
  }

  @Test
  void theUrlGivesHostPortTlsUserPasswordAndDatabase() {
    RedisEndpoint plain = RedisEndpoint.parse("k", "redis://redis.internal:6380/3");
    RedisEndpoint tls = RedisEndpoint.parse("k", "rediss://berth:s%40cret@cache.example.com/0");
    RedisEndpoint passwordOnly = RedisEndpoint.parse("k", "redis://:only-pass@10.0.0.7");
    RedisEndpoint ipv6 = RedisEndpoint.parse("k", "redis://[::1]:7000");

    assertThat(plain).isEqualTo(new RedisEndpoint("redis.internal", 6380, false, null, null, 3));
    assertThat(tls.host()).isEqualTo("cache.example.com");
    assertThat(tls.port()).isEqualTo(6379);
    assertThat(tls.tls()).isTrue();
    assertThat(tls.user()).isEqualTo("berth");
    assertThat(tls.urlPassword().reveal()).isEqualTo("s@cret");
    assertThat(passwordOnly.user()).isNull();
    assertThat(passwordOnly.urlPassword().reveal()).isEqualTo("only-pass");
    assertThat(ipv6.host()).isEqualTo("::1");
    assertThat(ipv6.port()).isEqualTo(7000);
  }

  @Test
  void theRedactedUrlAndToStringNeverShowThePassword() {
    RedisStoreConfig config = parse(Map.of("url", "rediss://berth:hunter2@cache:6390/2"), Map.of());

    assertThat(config.endpoint().redacted()).isEqualTo("rediss://berth@cache:6390/2");
    assertThat(config.toString()).doesNotContain("hunter2");
    assertThat(config.password().toString()).doesNotContain("hunter2");
  }

  @Test
  void aBadUrlIsRejectedWithTheKeyAndWithoutThePassword() {
    for (String url : new String[] {"http://host:6379", "redis://", "redis://host/abc", "redis://host:6379/0?x=1",
        "not a url at all", ""}) {
      assertThatThrownBy(() -> parse(Map.of("url", url), Map.of()))
          .as("url '%s'", url)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("store.redis.url");
    }
    assertThatThrownBy(() -> parse(Map.of("url", "http://user:hunter2@host"), Map.of()))
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void thePasswordFileWinsOverTheVariableWhichWinsOverTheUrl() throws Exception {
    Path file = Files.writeString(dir.resolve("redis-password"), "from-file\n");
    String url = "redis://:from-url@host";
    Map<String, String> env = Map.of("BERTH_STORE_REDIS_PASSWORD", "from-env", "OTHER", "from-other");

    assertThat(parse(Map.of("url", url, "passwordFile", file.toString()), env).password().reveal())
        .isEqualTo("from-file");
    assertThat(parse(Map.of("url", url), env).password().reveal()).isEqualTo("from-env");
    assertThat(parse(Map.of("url", url, "passwordEnv", "OTHER"), env).password().reveal()).isEqualTo("from-other");
    assertThat(parse(Map.of("url", url), Map.of()).password().reveal()).isEqualTo("from-url");
    assertThat(parse(Map.of("url", url, "passwordEnv", ""), env).password().reveal())
        .as("a blank passwordEnv reads no variable")
        .isEqualTo("from-url");
  }

  @Test
  void aMissingOrEmptyPasswordFileIsAStartupErrorNamingTheFile() throws Exception {
    Path missing = dir.resolve("nope");
    Path empty = Files.writeString(dir.resolve("empty"), "\n");

    assertThatThrownBy(() -> parse(Map.of("passwordFile", missing.toString()), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("store.redis.passwordFile")
        .hasMessageContaining(missing.toString());
    assertThatThrownBy(() -> parse(Map.of("passwordFile", empty.toString()), Map.of()))
        .hasMessageContaining("is empty");
  }

  @Test
  void outOfRangeNumbersAndBadNamesAreRejectedWithTheirKey() {
    Map<String, Object> bad = new HashMap<>();
    bad.put("maxConnections", 0);
    assertThatThrownBy(() -> parse(bad, Map.of())).hasMessageContaining("store.redis.maxConnections must be 1 or more");
    assertThatThrownBy(() -> parse(Map.of("socketTimeoutMillis", "soon"), Map.of()))
        .hasMessageContaining("store.redis.socketTimeoutMillis");
    assertThatThrownBy(() -> parse(Map.of("minIdleConnections", 9, "maxConnections", 4), Map.of()))
        .hasMessageContaining("must not exceed");
    assertThatThrownBy(() -> parse(Map.of("prefix", "my prefix"), Map.of())).hasMessageContaining("store.redis.prefix");
    assertThatThrownBy(() -> parse(Map.of("prefix", ""), Map.of())).hasMessageContaining("store.redis.prefix");
    assertThatThrownBy(() -> parse(Map.of("clientName", "a b"), Map.of())).hasMessageContaining("store.redis.clientName");
    assertThatThrownBy(() -> parse(Map.of("eventsMaxPerJob", -1), Map.of()))
        .hasMessageContaining("store.redis.eventsMaxPerJob");
  }

  private static RedisStoreConfig parse(Map<String, Object> values, Map<String, String> env) {
    return RedisStoreConfig.from(new PluginConfig("store.redis", values), env::get);
  }
}
