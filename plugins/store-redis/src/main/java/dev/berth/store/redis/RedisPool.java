package dev.berth.store.redis;

import java.util.List;
import java.util.function.Function;
import javax.net.ssl.SSLParameters;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A pool of connections to one Redis, and the single place where Redis is called: every call is
 * bounded by the connect, socket and borrow timeouts, and every failure leaves as a {@code
 * StoreUnavailableException} or a bug (see {@link RedisFailures}). Opening it connects to nothing;
 * the pool reconnects by itself when Redis comes back.
 */
final class RedisPool implements AutoCloseable {
  private final JedisPooled jedis;
  private final RedisEndpoint endpoint;
  private volatile boolean closed;

  private RedisPool(JedisPooled jedis, RedisEndpoint endpoint) {
    this.jedis = jedis;
    this.endpoint = endpoint;
  }

  /** A pool of at most {@code maxConnections} connections, configured from {@code config}. */
  static RedisPool open(RedisStoreConfig config, int maxConnections, String clientNameSuffix) {
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
    pool.setTestOnBorrow(config.testOnBorrow());
    pool.setJmxEnabled(false);
    QuietConnectionFactory connections =
        new QuietConnectionFactory(new HostAndPort(endpoint.host(), endpoint.port()), client.build());
    return new RedisPool(new JedisPooled(connections, pool), endpoint);
  }

  RedisEndpoint endpoint() {
    return endpoint;
  }

  /** Runs {@code work} on a pooled connection; {@code what} completes "could not …" in messages. */
  <T> T call(String what, Function<UnifiedJedis, T> work) {
    if (closed) {
      throw RedisFailures.unavailable(what, endpoint, "the store is closed", null);
    }
    try {
      return work.apply(jedis);
    } catch (JedisException e) {
      throw RedisFailures.translate(what, endpoint, e);
    } catch (IllegalStateException e) {
      if (closed) {
        throw RedisFailures.unavailable(what, endpoint, "the store is closed", e);
      }
      throw e;
    }
  }

  /** Runs a script atomically on the server. */
  Object run(String what, LuaScript script, List<String> keys, List<String> args) {
    return call(what, j -> script.run(j, keys, args));
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      jedis.close();
    }
  }
}
