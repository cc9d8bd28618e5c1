package dev.berth.store.redis;

import dev.berth.api.UsageAccrual;
import dev.berth.api.UserUsage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The usage ledger in Redis: {@code usage-accrue.lua} adds, per job, only what its {@code uc} field
 * says was not yet counted; {@code usage-read.lua} reads every user's entry, which this class decays
 * to the instant asked. Instants travel as microseconds since the epoch, exact in a Lua number (a
 * double) until the year 2255; the arithmetic is the one the SQLite store does.
 */
final class UsageLedger {
  /** Repeatable: a second run of an applied accrual finds its jobs counted and adds nothing. */
  private static final LuaScript ACCRUE = LuaScript.loadRepeatable("usage-accrue.lua");
  private static final LuaScript READ = LuaScript.loadRepeatable("usage-read.lua");
  /** Accruals per script run, so that one run holds Redis only briefly. */
  static final int MAX_PER_RUN = 512;

  private final RedisPool pool;
  private final RedisKeys keys;

  UsageLedger(RedisPool pool, RedisKeys keys) {
    this.pool = pool;
    this.keys = keys;
  }

  void accrue(List<UsageAccrual> accruals, Duration halfLife) {
    requirePositive(halfLife);
    for (int start = 0; start < accruals.size(); start += MAX_PER_RUN) {
      List<UsageAccrual> run = accruals.subList(start, Math.min(accruals.size(), start + MAX_PER_RUN));
      List<String> args = new ArrayList<>(2 + 5 * run.size());
      args.add(keys.prefix());
      args.add(Long.toString(Math.max(1, micros(halfLife))));
      for (UsageAccrual a : run) {
        if (JobIds.normalize(a.jobId()).isEmpty()) {
          continue;
        }
        args.add(JobIds.normalize(a.jobId()).get());
        args.add(a.user());
        args.add(Integer.toString(a.gpus()));
        args.add(Long.toString(micros(a.from())));
        args.add(Long.toString(micros(a.until())));
      }
      if (args.size() > 2) {
        pool.run("accrue usage of " + run.size() + " jobs", ACCRUE, List.of(keys.usageUsers()), args);
      }
    }
  }

  List<UserUsage> usage(Instant at, Duration halfLife) {
    requirePositive(halfLife);
    List<?> reply = (List<?>) pool.run("read the usage ledger", READ, List.of(keys.usageUsers()),
        List.of(keys.prefix()));
    long now = micros(at);
    double halfLifeMicros = Math.max(1, micros(halfLife));
    List<UserUsage> out = new ArrayList<>();
    for (int i = 0; i + 3 < reply.size(); i += 4) {
      double decayed = finite(parse(reply.get(i + 2)));
      double elapsed = now - parse(reply.get(i + 3));
      if (decayed > 0 && elapsed > 0) {
        decayed *= Math.pow(2, -elapsed / halfLifeMicros);
      }
      out.add(new UserUsage(String.valueOf(reply.get(i)), finite(parse(reply.get(i + 1))), decayed));
    }
    return out;
  }

  /** Microseconds since the epoch, the instant's finer part dropped (as a Lua number holds it exactly). */
  static long micros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
  }

  private static long micros(Duration d) {
    return Math.addExact(Math.multiplyExact(d.getSeconds(), 1_000_000L), d.getNano() / 1_000);
  }

  private static double parse(Object text) {
    try {
      return Double.parseDouble(String.valueOf(text));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static double finite(double v) {
    return v > 0 && !Double.isInfinite(v) ? v : 0;
  }

  private static void requirePositive(Duration halfLife) {
    if (halfLife.isNegative() || halfLife.isZero()) {
      throw new IllegalArgumentException("the half-life must be positive, was " + halfLife);
    }
  }
}
