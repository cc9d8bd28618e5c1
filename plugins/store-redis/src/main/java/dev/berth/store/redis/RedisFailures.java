package dev.berth.store.redis;

import dev.berth.api.StoreUnavailableException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.List;
import javax.net.ssl.SSLException;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;
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

  /**
   * Whether {@code e} says that the connection was already dead when the call used it: Redis (or
   * something between) had closed it, so the call read end-of-stream or a reset, as every pooled
   * connection does once after a Redis restart. A fresh connection may well succeed. Not so for a
   * failure to connect (a fresh connection would fail alike) or a timeout (Redis is frozen or slow,
   * and asking again would double the wait).
   */
  static boolean deadConnection(JedisException e) {
    if (!(e instanceof JedisConnectionException)) {
      return false;
    }
    for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof SocketTimeoutException || cause instanceof ConnectException
          || cause instanceof NoRouteToHostException || cause instanceof UnknownHostException
          || cause instanceof SSLException) {
        return false;
      }
      String message = String.valueOf(cause.getMessage());
      if (message.startsWith("Failed to connect") || message.startsWith("Failed to create socket")) {
        return false;
      }
    }
    Throwable root = root(e);
    return root == e || root instanceof SocketException;
  }

  static StoreUnavailableException unavailable(String what, RedisEndpoint endpoint, String why, Throwable cause) {
    return new StoreUnavailableException("Redis at " + endpoint.redacted() + " could not " + what + ": " + why, cause);
  }

  /** The message and its root cause's, e.g. "Failed to connect …: Connection refused". */
  private static String describe(Throwable e) {
    Throwable root = root(e);
    String top = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (root == e || root.getMessage() == null || top.contains(root.getMessage())) {
      return top;
    }
    return top + ": " + root.getMessage();
  }

  private static Throwable root(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }
}
