package dev.berth.store.redis;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import javax.net.ssl.SSLParameters;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A pool of connections to one Redis, and the single place where Redis is called: every call is
 * bounded by the connect, socket and borrow timeouts, and every failure leaves as a {@code
 * StoreUnavailableException} or a bug (see {@link RedisFailures}). Opening it connects to nothing;
 * the pool reconnects by itself when Redis comes back.
 *
 * <p>A borrowed connection is not PINGed first unless asked ({@code testOnBorrow}): that PING was
 * a second round trip for every command. Instead idle connections are PINGed in the background
 * every {@link #IDLE_TEST_INTERVAL}, and a call that is safe to repeat and finds its connection
 * dead (a Redis restart since it was last used) is repeated once on a fresh connection.
 */
final class RedisPool implements AutoCloseable {
  /** How often idle connections are PINGed, so that one Redis closed meanwhile is rarely handed out. */
  static final Duration IDLE_TEST_INTERVAL = Duration.ofSeconds(2);
  /** Idle connections beyond {@code minIdleConnections} are closed after this long unused. */
  private static final Duration SURPLUS_IDLE_TIME = Duration.ofSeconds(60);

  private final JedisPooled jedis;
  private final RedisEndpoint endpoint;
  private volatile boolean closed;

  private RedisPool(JedisPooled jedis, RedisEndpoint endpoint) {
    this.jedis = jedis;
    this.endpoint = endpoint;
  }

  /**
   * A pool of at most {@code maxConnections} connections, configured from {@code config}; with
   * {@code testOnBorrow}, each connection is PINGed before each use.
   */
  static RedisPool open(RedisStoreConfig config, int maxConnections, String clientNameSuffix, boolean testOnBorrow) {
    return open(config, maxConnections, clientNameSuffix, testOnBorrow, IDLE_TEST_INTERVAL);
  }

  /** For tests: {@code idleTestInterval} zero or negative tests no idle connection. */
  static RedisPool open(RedisStoreConfig config, int maxConnections, String clientNameSuffix, boolean testOnBorrow,
      Duration idleTestInterval) {
    RedisEndpoint endpoint = config.endpoint();
    DefaultJedisClientConfig.Builder client =
        DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis(Math.toIntExact(config.connectTimeout().toMillis()))
            .socketTimeoutMillis(Math.toIntExact(config.socketTimeout().toMillis()))
            .database(endpoint.database())
            .clientName(config.clientName() + clientNameSuffix)
            // CLIENT SETINFO is unknown before Redis 7.2; skipping it saves a round trip per connection.
            .clientSetInfoConfig(ClientSetInfoConfig.DISABLED);
    if (endpoint.user() != null) {
      client.user(endpoint.user());
    }
    if (config.password() != null) {
      client.password(config.password().reveal());
    }
    if (endpoint.tls()) {
      SSLParameters tls = new SSLParameters();
      // Check that the certificate names the host, as HTTPS does; Jedis does not by default.
      tls.setEndpointIdentificationAlgorithm("HTTPS");
      client.ssl(true).sslParameters(tls);
      if (config.tlsCaFile() != null) {
        client.sslSocketFactory(TlsTrust.trusting(config.tlsCaFile(), "store.redis." + RedisStoreConfig.TLS_CA_FILE));
      }
    }
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setMaxTotal(maxConnections);
    pool.setMaxIdle(maxConnections);
    pool.setMinIdle(Math.min(config.minIdleConnections(), maxConnections));
    pool.setBlockWhenExhausted(true);
    pool.setMaxWait(config.borrowTimeout());
    pool.setTestOnBorrow(testOnBorrow);
    boolean idleTests = !idleTestInterval.isNegative() && !idleTestInterval.isZero();
    pool.setTestWhileIdle(idleTests);
    pool.setTimeBetweenEvictionRuns(idleTests ? idleTestInterval : Duration.ofMillis(-1));
    pool.setNumTestsPerEvictionRun(-1); // every idle connection, each run
    // Keep the minIdle connections however long they idle (the idle test keeps them honest).
    pool.setMinEvictableIdleDuration(Duration.ofMillis(-1));
    pool.setSoftMinEvictableIdleDuration(SURPLUS_IDLE_TIME);
    pool.setJmxEnabled(false);
    QuietConnectionFactory connections =
        new QuietConnectionFactory(new HostAndPort(endpoint.host(), endpoint.port()), client.build());
    return new RedisPool(new JedisPooled(connections, pool), endpoint);
  }

  RedisEndpoint endpoint() {
    return endpoint;
  }

  /**
   * Runs {@code work} on a pooled connection, once; {@code what} completes "could not …" in
   * messages. For work that must not reach Redis twice.
   */
  <T> T call(String what, Function<UnifiedJedis, T> work) {
    return execute(what, work, false);
  }

  /**
   * Runs {@code work}, and once more on a fresh connection when the pooled one was dead. Only for
   * work whose second run writes nothing the first did not: reads, idempotent writes, and
   * compare-and-sets (a repeat of one that was applied finds the state moved and writes nothing).
   */
  <T> T callRepeatable(String what, Function<UnifiedJedis, T> work) {
    return execute(what, work, true);
  }

  /** Runs a script atomically on the server; repeated as {@link #callRepeatable} if the script is repeatable. */
  Object run(String what, LuaScript script, List<String> keys, List<String> args) {
    return execute(what, j -> script.run(j, keys, args), script.repeatable());
  }

  private <T> T execute(String what, Function<UnifiedJedis, T> work, boolean repeatable) {
    if (closed) {
      throw RedisFailures.unavailable(what, endpoint, "the store is closed", null);
    }
    try {
      try {
        return work.apply(jedis);
      } catch (JedisConnectionException e) {
        if (!RedisFailures.deadConnection(e)) {
          throw e;
        }
        // Jedis has dropped the dead connection; the idle ones died with it (a restart closes all),
        // so that the next call, or the repeat, gets a fresh one.
        jedis.getPool().clear();
        if (!repeatable) {
          throw e;
        }
        try {
          return work.apply(jedis);
        } catch (JedisException again) {
          again.addSuppressed(e);
          throw again;
        }
      }
    } catch (JedisException e) {
      throw RedisFailures.translate(what, endpoint, e);
    } catch (IllegalStateException e) {
      if (closed) {
        throw RedisFailures.unavailable(what, endpoint, "the store is closed", e);
      }
      throw e;
    }
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      jedis.close();
    }
  }
}
