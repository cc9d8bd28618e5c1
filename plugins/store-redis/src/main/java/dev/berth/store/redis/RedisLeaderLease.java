package dev.berth.store.redis;

import dev.berth.api.LeaderLease;
import dev.berth.api.Lease;
import dev.berth.api.PluginContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.pf4j.Extension;

/**
 * The leader lease in the same Redis as the {@link RedisQueueStore} (config {@code store.redis}):
 * one key holding {@code "<token> <holder>"} with a ttl, taken with SET NX PX semantics, and a
 * counter of fencing tokens that grows with every acquisition. The store's claim script compares a
 * claim's token with that counter, so a leader that lost the lease (paused, partitioned) cannot
 * claim a job after another took over.
 *
 * <p>{@code expiresAt} is the local clock before the call plus the ttl: Redis starts the ttl
 * later, so the holder never believes it holds the lease longer than Redis does.
 */
@Extension
public final class RedisLeaderLease implements LeaderLease, AutoCloseable {
  private static final LuaScript ACQUIRE = LuaScript.load("lease-acquire.lua");
  private static final LuaScript RENEW = LuaScript.load("lease-renew.lua");
  private static final LuaScript RELEASE = LuaScript.load("lease-release.lua");
  /** One connection for the lease thread, one spare for release at shutdown. */
  private static final int CONNECTIONS = 2;

  private final RedisKeys keys;
  private final RedisPool pool;
  private final Clock clock;

  public RedisLeaderLease(PluginContext context) {
    this(context, System::getenv);
  }

  /** For tests: {@code environment} stands in for the process environment (the password variable). */
  RedisLeaderLease(PluginContext context, Function<String, String> environment) {
    RedisStoreConfig config = RedisStoreConfig.from(context.config(), environment);
    this.keys = new RedisKeys(config.prefix());
    // Always PINGed before use: the lease calls Redis once every few seconds, so the PING costs
    // nothing, and a renewal failing on a connection that died idle would make the leader step down.
    this.pool = RedisPool.open(config, Math.min(CONNECTIONS, config.maxConnections()), "-lease", true);
    this.clock = context.clock();
    context.logger().info("Redis leader lease at {} under key {}", config.endpoint(), keys.lease());
  }

  @Override
  public Optional<Lease> tryAcquire(String holder, Duration ttl) {
    Instant asked = clock.instant();
    Object token = pool.run("take the leader lease", ACQUIRE,
        List.of(keys.lease(), keys.leaseToken()), List.of(holder, millis(ttl)));
    if (token == null) {
      return Optional.empty();
    }
    return Optional.of(new Lease(holder, (Long) token, asked.plus(ttl)));
  }

  @Override
  public Optional<Lease> renew(Lease lease, Duration ttl) {
    Instant asked = clock.instant();
    Object renewed = pool.run("renew the leader lease", RENEW, List.of(keys.lease()), List.of(value(lease), millis(ttl)));
    if (!Long.valueOf(1).equals(renewed)) {
      return Optional.empty();
    }
    return Optional.of(new Lease(lease.holder(), lease.fencingToken(), asked.plus(ttl)));
  }

  @Override
  public void release(Lease lease) {
    pool.run("release the leader lease", RELEASE, List.of(keys.lease()), List.of(value(lease)));
  }

  @Override
  public void close() {
    pool.close();
  }

  private static String value(Lease lease) {
    return lease.fencingToken() + " " + lease.holder();
  }

  private static String millis(Duration ttl) {
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("lease ttl must be positive, was " + ttl);
    }
    return Long.toString(ttl.toMillis());
  }
}
