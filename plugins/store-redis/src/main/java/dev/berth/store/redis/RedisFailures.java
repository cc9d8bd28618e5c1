package dev.berth.store.redis;

import dev.berth.api.StoreUnavailableException;
import java.util.List;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Sorts Jedis failures into "could not ask" ({@link StoreUnavailableException}: the host answers
 * 503 and retries) and bugs ({@link IllegalStateException}). A refused connection, a timeout, an
 * exhausted pool, a failed login and Redis's own "not now" replies (loading, read-only replica, out
 * of memory, disk errors) are unavailability; an error in a script is a bug.
 */
final class RedisFailures {
  /** Error prefixes Redis answers while it cannot serve writes or reads for now. */
  private static final List<String> UNAVAILABLE_REPLIES =
      List.of("LOADING", "BUSY", "MISCONF", "OOM", "READONLY", "MASTERDOWN", "NOREPLICAS", "TRYAGAIN",
          "CLUSTERDOWN", "NOAUTH", "WRONGPASS", "NOPERM");

  private RedisFailures() {}

  static RuntimeException translate(String what, RedisEndpoint endpoint, JedisException e) {
    if (e instanceof JedisAccessControlException) {
      return unavailable(what, endpoint, "authentication failed: " + e.getMessage(), e);
    }
    if (e instanceof JedisDataException) {
      String message = String.valueOf(e.getMessage());
      for (String reply : UNAVAILABLE_REPLIES) {
        if (message.startsWith(reply)) {
          return unavailable(what, endpoint, message, e);
        }
      }
      return new IllegalStateException("Redis refused to " + what + ": " + message, e);
    }
    return unavailable(what, endpoint, describe(e), e);
  }

  static StoreUnavailableException unavailable(String what, RedisEndpoint endpoint, String why, Throwable cause) {
    return new StoreUnavailableException("Redis at " + endpoint.redacted() + " could not " + what + ": " + why, cause);
  }

  /** The message and its root cause's, e.g. "Failed to connect …: Connection refused". */
  private static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String top = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (root == e || root.getMessage() == null || top.contains(root.getMessage())) {
      return top;
    }
    return top + ": " + root.getMessage();
  }
}
