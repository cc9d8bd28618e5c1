package dev.berth.store.redis;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Looks at the Redis server's persistence and eviction settings when the store starts (or, when
 * Redis was down then, at the first health check that reaches it), and warns loudly, or refuses to
 * start with {@code requirePersistence}, when an acknowledged job could be lost.
 */
final class PersistenceCheck {
  private PersistenceCheck() {}

  /** Reads the settings; CONFIG may be forbidden on managed Redis, which leaves those values null. */
  static RedisDurability inspect(UnifiedJedis jedis) {
    Map<String, String> info = new HashMap<>();
    info.putAll(parseInfo(jedis.info("persistence")));
    info.putAll(parseInfo(jedis.info("memory")));
    return RedisDurability.of(info, configValue(jedis, "appendfsync"), configValue(jedis, "save"));
  }

  /**
   * Logs what {@code durability} means for Berth, once.
   *
   * @throws IllegalStateException with every violation when {@code required} and there are any
   */
  static void judge(RedisDurability durability, boolean required, RedisEndpoint endpoint, Logger log) {
    List<String> violations = durability.violations();
    if (!violations.isEmpty() && required) {
      throw new IllegalStateException(
          "Redis at " + endpoint.redacted() + " does not keep acknowledged jobs safe (store.redis.requirePersistence"
              + " is true): " + String.join("; ", violations));
    }
    for (String violation : violations) {
      log.warn("!!! Redis at {}: {}. See docs/stores.md.", endpoint.redacted(), violation);
    }
    for (String note : durability.notes()) {
      log.info("Redis at {}: {}", endpoint.redacted(), note);
    }
    if (violations.isEmpty()) {
      log.info("Redis at {} persists with appendonly yes, appendfsync {}, maxmemory-policy {}",
          endpoint.redacted(), durability.appendFsync(), durability.evictionPolicy());
    }
  }

  static Map<String, String> parseInfo(String info) {
    Map<String, String> fields = new HashMap<>();
    for (String line : info.split("\r?\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && !line.startsWith("#")) {
        fields.put(line.substring(0, colon), line.substring(colon + 1).trim());
      }
    }
    return fields;
  }

  private static String configValue(UnifiedJedis jedis, String name) {
    try {
      Object reply = jedis.sendCommand(Protocol.Command.CONFIG, "GET", name);
      if (reply instanceof List<?> pair && pair.size() == 2 && pair.get(1) instanceof byte[] value) {
        return new String(value, StandardCharsets.UTF_8);
      }
      return null;
    } catch (JedisDataException forbidden) {
      // NOPERM for an ACL user, or CONFIG renamed away on managed Redis: judge without it.
      return null;
    }
  }
}
