package dev.berth.store.redis;

import dev.berth.api.JobState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;

/**
 * The names of every key the plugin writes, all under one prefix (docs/stores.md has the table).
 * The Lua scripts build the per-job and per-user names the same way from the prefix, so both sides
 * must change together.
 */
final class RedisKeys {
  private final String prefix;

  RedisKeys(String prefix) {
    this.prefix = prefix;
  }

  String prefix() {
    return prefix;
  }

  /** String: the last job id given out (INCR). */
  String sequence() {
    return prefix + "seq";
  }

  /** Hash: one job's fields. */
  String job(String id) {
    return jobPrefix() + id;
  }

  String jobPrefix() {
    return prefix + "job:";
  }

  /**
   * String with a ttl: the id of the job that one enqueue call added, under that call's token, so
   * that a repeat of the call adds no second job.
   */
  String enqueueToken(String token) {
    return prefix + "enq:" + token;
  }

  /** List: one job's events as JSON, oldest first. */
  String events(String id) {
    return prefix + "events:" + id;
  }

  /**
   * Sorted set of the ids of the jobs in {@code state}, scored by id. The QUEUED index is the queue
   * itself: its score is the submission sequence, so FIFO order is score order.
   */
  String state(JobState state) {
    return state == JobState.QUEUED ? prefix + "queue" : prefix + "state:" + state.name();
  }

  /** The state indexes in {@link JobState} order, as the transition and count scripts take them. */
  List<String> allStates() {
    List<String> keys = new ArrayList<>();
    for (JobState s : JobState.values()) {
      keys.add(state(s));
    }
    return keys;
  }

  /** Sorted set of the ids of an array's jobs, scored by id (so by index). */
  String array(String arrayId) {
    return prefix + "array:" + arrayId;
  }

  /** Sorted set of one user's job ids in one state, scored by id. */
  String userState(String user, JobState state) {
    return prefix + "user:" + user + ":" + state.name();
  }

  /** The indexes a listing merges: the chosen states (all when none), for everyone or one user. */
  List<String> indexes(Collection<JobState> states, String user) {
    EnumSet<JobState> chosen = states.isEmpty() ? EnumSet.allOf(JobState.class) : EnumSet.copyOf(states);
    List<String> keys = new ArrayList<>();
    for (JobState s : chosen) {
      keys.add(user == null ? state(s) : userState(user, s));
    }
    return keys;
  }

  /** Stream: every committed change (job state changes, settings versions), for waiting readers. */
  String changes() {
    return prefix + "changes";
  }

  /** Hash: settings section to its version. */
  String settingsVersions() {
    return prefix + "settings";
  }

  /** Hash: one settings section's values. */
  String settingsValues(String section) {
    return settingsValuesPrefix() + section;
  }

  String settingsValuesPrefix() {
    return prefix + "settings:";
  }

  /** String with a ttl: {@code "<token> <holder>"} of the current leader. */
  String lease() {
    return prefix + "lease";
  }

  /** String: the newest fencing token issued (INCR); claims with an older one are refused. */
  String leaseToken() {
    return prefix + "lease:token";
  }

  /** Set: every username. */
  String users() {
    return prefix + "users";
  }

  /** Hash: one user's fields. */
  String account(String username) {
    return prefix + "account:" + username;
  }

  /** Hash: one API token's fields. */
  String token(String id) {
    return prefix + "token:" + id;
  }

  /** Hash: SHA-256 of a token's secret to the token's id. */
  String tokenHashes() {
    return prefix + "token-hashes";
  }

  /** Sorted set: one user's token ids, scored by creation time. */
  String userTokens(String username) {
    return prefix + "tokens:" + username;
  }

  /** Set: every user with an entry in the usage ledger. */
  String usageUsers() {
    return prefix + "usage-users";
  }

  /** Hash: one user's usage ledger entry ({@code raw}, {@code dec}, {@code at}); built by the usage scripts too. */
  String usage(String user) {
    return prefix + "usage:" + user;
  }

  /** List: the audit log, newest first. */
  String audit() {
    return prefix + "audit";
  }
}
