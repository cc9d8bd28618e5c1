package dev.berth.store.redis;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A token for each enqueue call, so that {@code enqueue.lua} tells a repeat of a call (sent again
 * because the connection died before the reply) from a new call: 64 random bits per store
 * instance, so two processes never share one, and a counter.
 */
final class EnqueueTokens {
  private final String instance;
  private final AtomicLong calls = new AtomicLong();

  EnqueueTokens() {
    this.instance = Long.toUnsignedString(new SecureRandom().nextLong(), 36);
  }

  String next() {
    return instance + "." + Long.toString(calls.incrementAndGet(), 36);
  }

  /**
   * How long Redis keeps a token: twice the longest a repeat can take to reach Redis after the
   * first run. That is the first call's wait for its reply, a borrow, a connect, and a few round
   * trips on the new connection (login, database, client name, the script sent in full after a
   * restart emptied Redis's script cache, the script), each bounded by the socket timeout.
   */
  static Duration ttl(RedisStoreConfig config) {
    Duration repeatWithin = config.borrowTimeout()
        .plus(config.connectTimeout())
        .plus(config.socketTimeout().multipliedBy(6));
    return repeatWithin.multipliedBy(2);
  }
}
