package dev.berth.store.redis;

import dev.berth.api.PluginConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

/**
 * What the store and the lease read from their config section {@code store.redis} (the host merges
 * every {@code <point>.redis} section into one).
 *
 * @param endpoint where Redis is: {@code url}, default {@code redis://localhost:6379}
 * @param password from {@code passwordFile}, else the variable named by {@code passwordEnv}, else
 *     the URL; null for none
 * @param prefix the start of every key this plugin writes ({@code prefix}, default {@code berth:}),
 *     so several Berth installations can share one Redis
 * @param maxConnections connections in the store's pool ({@code maxConnections}, default 16)
 * @param minIdleConnections connections kept open while idle ({@code minIdleConnections}, default 1)
 * @param connectTimeout {@code connectTimeoutMillis}, default 2000
 * @param socketTimeout how long one command may take before the store reports Redis unavailable
 *     ({@code socketTimeoutMillis}, default 2000)
 * @param borrowTimeout how long a caller waits for a free pooled connection ({@code
 *     borrowTimeoutMillis}, default 2000)
 * @param testOnBorrow PING each connection before use ({@code testOnBorrow}, default false): one
 *     more round trip per call. Without it, idle connections are PINGed in the background, and a
 *     call that is safe to repeat and meets a dead connection is repeated once on a fresh one
 * @param eventsMaxPerJob newest events kept per job ({@code eventsMaxPerJob}, default 100; 0 keeps
 *     all)
 * @param changesMaxLength approximate length of the change feed stream ({@code changesMaxLength},
 *     default 10000)
 * @param requirePersistence refuse to start on a Redis without AOF or with an evicting memory
 *     policy ({@code requirePersistence}, default false: warn loudly)
 * @param clientName the name Berth's connections show in {@code CLIENT LIST} ({@code clientName},
 *     default {@code berth})
 * @param tlsCaFile PEM file of the certificate authorities a {@code rediss://} server's certificate
 *     must chain to ({@code tlsCaFile}); null trusts the JVM's default trust store
 */
record RedisStoreConfig(
    RedisEndpoint endpoint,
    Secret password,
    String prefix,
    int maxConnections,
    int minIdleConnections,
    Duration connectTimeout,
    Duration socketTimeout,
    Duration borrowTimeout,
    boolean testOnBorrow,
    int eventsMaxPerJob,
    int changesMaxLength,
    boolean requirePersistence,
    String clientName,
    Path tlsCaFile) {

  static final String URL = "url";
  static final String PASSWORD_FILE = "passwordFile";
  static final String PASSWORD_ENV = "passwordEnv";
  static final String PREFIX = "prefix";
  static final String MAX_CONNECTIONS = "maxConnections";
  static final String MIN_IDLE_CONNECTIONS = "minIdleConnections";
  static final String CONNECT_TIMEOUT_MILLIS = "connectTimeoutMillis";
  static final String SOCKET_TIMEOUT_MILLIS = "socketTimeoutMillis";
  static final String BORROW_TIMEOUT_MILLIS = "borrowTimeoutMillis";
  static final String TEST_ON_BORROW = "testOnBorrow";
  static final String EVENTS_MAX_PER_JOB = "eventsMaxPerJob";
  static final String CHANGES_MAX_LENGTH = "changesMaxLength";
  static final String REQUIRE_PERSISTENCE = "requirePersistence";
  static final String CLIENT_NAME = "clientName";
  static final String TLS_CA_FILE = "tlsCaFile";

  static final String DEFAULT_URL = "redis://localhost:6379";
  static final String DEFAULT_PASSWORD_ENV = "BERTH_STORE_REDIS_PASSWORD";
  static final String DEFAULT_PREFIX = "berth:";

  /** Reads the section; {@code environment} resolves the password variable (System::getenv in production). */
  static RedisStoreConfig from(PluginConfig config, Function<String, String> environment) {
    RedisEndpoint endpoint = RedisEndpoint.parse(key(config, URL), config.getString(URL, DEFAULT_URL));
    Secret password =
        PasswordSource.resolve(
            config.getString(PASSWORD_FILE, ""),
            key(config, PASSWORD_FILE),
            config.getString(PASSWORD_ENV, DEFAULT_PASSWORD_ENV),
            environment,
            endpoint.urlPassword());
    String prefix = config.getString(PREFIX, DEFAULT_PREFIX);
    if (prefix.isEmpty() || !prefix.chars().allMatch(c -> c > ' ' && c < 127)) {
      throw new IllegalArgumentException(
          "config " + key(config, PREFIX) + " must be printable ASCII without spaces, was '" + prefix + "'");
    }
    int maxConnections = atLeast(config, MAX_CONNECTIONS, 16, 1);
    int minIdle = atLeast(config, MIN_IDLE_CONNECTIONS, 1, 0);
    if (minIdle > maxConnections) {
      throw new IllegalArgumentException(
          "config " + key(config, MIN_IDLE_CONNECTIONS) + " must not exceed " + key(config, MAX_CONNECTIONS)
              + " (" + maxConnections + "), was " + minIdle);
    }
    String clientName = config.getString(CLIENT_NAME, "berth");
    if (!clientName.matches("[A-Za-z0-9._:-]{1,64}")) {
      throw new IllegalArgumentException(
          "config " + key(config, CLIENT_NAME) + " must be 1-64 of letters, digits, '.', '_', ':' or '-', was '"
              + clientName + "'");
    }
    Path tlsCaFile = null;
    String caFile = config.getString(TLS_CA_FILE, "");
    if (!caFile.isBlank()) {
      if (!endpoint.tls()) {
        throw new IllegalArgumentException(
            "config " + key(config, TLS_CA_FILE) + " is set, but " + key(config, URL) + " is not rediss:// (TLS)");
      }
      tlsCaFile = Path.of(caFile).toAbsolutePath();
    }
    return new RedisStoreConfig(
        endpoint,
        password,
        prefix,
        maxConnections,
        minIdle,
        Duration.ofMillis(atLeast(config, CONNECT_TIMEOUT_MILLIS, 2000, 1)),
        Duration.ofMillis(atLeast(config, SOCKET_TIMEOUT_MILLIS, 2000, 1)),
        Duration.ofMillis(atLeast(config, BORROW_TIMEOUT_MILLIS, 2000, 1)),
        config.getBoolean(TEST_ON_BORROW, false),
        atLeast(config, EVENTS_MAX_PER_JOB, 100, 0),
        atLeast(config, CHANGES_MAX_LENGTH, 10_000, 1),
        config.getBoolean(REQUIRE_PERSISTENCE, false),
        clientName,
        tlsCaFile);
  }

  private static int atLeast(PluginConfig config, String name, int fallback, int min) {
    int value = config.getInt(name, fallback);
    if (value < min) {
      throw new IllegalArgumentException(
          "config " + key(config, name) + " must be " + min + " or more, was " + value);
    }
    return value;
  }

  private static String key(PluginConfig config, String name) {
    return config.path() == null || config.path().isEmpty() ? name : config.path() + "." + name;
  }
}
