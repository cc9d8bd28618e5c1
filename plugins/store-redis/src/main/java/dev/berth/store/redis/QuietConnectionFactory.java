package dev.berth.store.redis;

import org.apache.commons.pool2.PooledObject;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionFactory;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;

/**
 * Jedis's connection factory, except that a pooled connection failing its PING (the idle test, or
 * the test before use when configured) is dropped silently. After every Redis restart each idle
 * connection fails it once; that is the pool doing its job, and Jedis would log a warning with a
 * stack trace for each. The outage itself is reported by the callers (the scheduler logs it once).
 */
final class QuietConnectionFactory extends ConnectionFactory {
  QuietConnectionFactory(HostAndPort address, JedisClientConfig config) {
    super(address, config);
  }

  @Override
  public boolean validateObject(PooledObject<Connection> pooled) {
    Connection connection = pooled.getObject();
    try {
      return connection.isConnected() && connection.ping();
    } catch (RuntimeException stale) {
      return false;
    }
  }
}
