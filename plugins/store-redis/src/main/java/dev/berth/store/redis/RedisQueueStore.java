package dev.berth.store.redis;

import dev.berth.api.ApiToken;
import dev.berth.api.AuditEntry;
import dev.berth.api.IdentityStore;
import dev.berth.api.Job;
import dev.berth.api.JobEvent;
import dev.berth.api.JobPage;
import dev.berth.api.JobQuery;
import dev.berth.api.JobState;
import dev.berth.api.JobSubmission;
import dev.berth.api.JobTransition;
import dev.berth.api.Placement;
import dev.berth.api.PluginContext;
import dev.berth.api.QueueStore;
import dev.berth.api.StoreUnavailableException;
import dev.berth.api.UserAccount;
import dev.berth.api.VersionedSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.pf4j.Extension;
import org.slf4j.Logger;

/**
 * A {@link QueueStore} in Redis (config {@code store.redis}), shared safely by several Berth
 * processes: each job is a hash, each state an index sorted by id (the QUEUED one is the queue),
 * and every change (enqueue, claim, transition, settings put) is one Lua script, so the compare and
 * the set are one atomic step on the server. Claims by a lease holder carry its fencing token, and
 * the script refuses a stale one. Durability comes from Redis's append-only file; the store checks
 * the server's settings at start and warns loudly when an acknowledged job could be lost.
 * docs/stores.md has the key layout and the guarantees. Users, token hashes and the audit log
 * ({@link IdentityStore}) are kept under the same prefix.
 */
@Extension
public final class RedisQueueStore implements QueueStore, IdentityStore, AutoCloseable {
  private static final LuaScript ENQUEUE = LuaScript.load("enqueue.lua");
  private static final LuaScript TRANSITION = LuaScript.load("transition.lua");
  private static final LuaScript COUNTS = LuaScript.load("counts.lua");

  private final RedisStoreConfig config;
  private final RedisKeys keys;
  private final RedisPool pool;
  private final JobPager pager;
  private final SettingsHashes settings;
  private final IdentityHashes identities;
  private final Logger log;
  private volatile boolean durabilityJudged;

  public RedisQueueStore(PluginContext context) {
    this(context, System::getenv);
  }

  /** For tests: {@code environment} stands in for the process environment (the password variable). */
  RedisQueueStore(PluginContext context, Function<String, String> environment) {
    this.config = RedisStoreConfig.from(context.config(), environment);
    this.keys = new RedisKeys(config.prefix());
    this.log = context.logger();
    this.pool = RedisPool.open(config, config.maxConnections(), "");
    this.pager = new JobPager(pool, keys);
    this.settings = new SettingsHashes(pool, keys, config.changesMaxLength());
    this.identities = new IdentityHashes(pool, keys);
    log.info("Redis queue store at {} with key prefix '{}'", config.endpoint(), config.prefix());
    try {
      judgeDurability();
    } catch (StoreUnavailableException e) {
      log.warn("Redis cannot be used yet, so the store answers 503 until it can: {}", e.getMessage());
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  @Override
  public Job enqueue(JobSubmission submission, Instant at) {
    List<String> args = new ArrayList<>(List.of(
        keys.prefix(), at.toString(), submission.user(),
        Integer.toString(config.eventsMaxPerJob()), Integer.toString(config.changesMaxLength())));
    args.addAll(JobFields.ofSubmission(submission));
    Object id = pool.run("enqueue a job", ENQUEUE,
        List.of(keys.sequence(), keys.state(JobState.QUEUED), keys.changes()), args);
    return new Job(String.valueOf(id), submission.name(), submission.user(), submission.template(),
        submission.parameters(), submission.gpus(), submission.priority(), JobState.QUEUED, at,
        null, null, null, null, null, null, null);
  }

  @Override
  public Optional<Job> get(String id) {
    Optional<String> valid = JobIds.normalize(id);
    if (valid.isEmpty()) {
      return Optional.empty();
    }
    String jobId = valid.get();
    Map<String, String> fields = pool.call("read job " + jobId, j -> j.hgetAll(keys.job(jobId)));
    return fields.isEmpty() ? Optional.empty() : Optional.of(JobFields.toJob(jobId, fields));
  }

  @Override
  public JobPage list(JobQuery query) {
    return pager.page(query);
  }

  @Override
  public Map<JobState, Long> countByState() {
    List<?> counts = (List<?>) pool.run("count jobs", COUNTS, keys.allStates(), List.of());
    Map<JobState, Long> byState = new EnumMap<>(JobState.class);
    JobState[] states = JobState.values();
    for (int i = 0; i < states.length; i++) {
      byState.put(states[i], (Long) counts.get(i));
    }
    return byState;
  }

  @Override
  public long countQueuedBefore(String id) {
    String jobId = JobIds.normalize(id).orElseThrow(() -> new IllegalArgumentException("not a job id: '" + id + "'"));
    return pool.call("count queued jobs before " + jobId,
        j -> j.zcount(keys.state(JobState.QUEUED), "-inf", "(" + jobId));
  }

  @Override
  public Optional<Job> claim(String id, Placement placement, Instant at, String actor) {
    return move(id, Set.of(JobState.QUEUED), scheduled(placement, at, actor), "");
  }

  /**
   * A claim that Redis refuses, in the same script, when a newer lease than {@code fencingToken} was
   * issued. Issued tokens start at 1; a token of 0 or less means the caller holds no lease (a single
   * Berth process, {@code extensions.lease} empty), and is not checked.
   */
  @Override
  public Optional<Job> claim(String id, Placement placement, Instant at, String actor, long fencingToken) {
    String token = fencingToken > 0 ? Long.toString(fencingToken) : "";
    return move(id, Set.of(JobState.QUEUED), scheduled(placement, at, actor), token);
  }

  @Override
  public Optional<Job> transition(String id, Set<JobState> expectedFrom, JobTransition transition) {
    return move(id, expectedFrom, transition, "");
  }

  @Override
  public List<JobEvent> events(String id) {
    Optional<String> valid = JobIds.normalize(id);
    if (valid.isEmpty()) {
      return List.of();
    }
    String jobId = valid.get();
    List<String> entries = pool.call("read the events of job " + jobId, j -> j.lrange(keys.events(jobId), 0, -1));
    return entries.stream().map(entry -> EventCodec.decode(jobId, entry)).toList();
  }

  @Override
  public VersionedSettings settings(String section) {
    return settings.get(section);
  }

  @Override
  public List<VersionedSettings> allSettings() {
    return settings.all();
  }

  @Override
  public Optional<VersionedSettings> putSettings(String section, Map<String, String> values, long expectedVersion) {
    return settings.put(section, values, expectedVersion);
  }

  @Override
  public Optional<UserAccount> user(String username) {
    return identities.user(username);
  }

  @Override
  public List<UserAccount> users() {
    return identities.users();
  }

  @Override
  public boolean createUser(UserAccount user) {
    return identities.create(user, false);
  }

  @Override
  public boolean createFirstUser(UserAccount user) {
    return identities.create(user, true);
  }

  @Override
  public boolean updateUser(UserAccount user) {
    return identities.update(user);
  }

  @Override
  public void addToken(ApiToken token) {
    identities.addToken(token);
  }

  @Override
  public Optional<ApiToken> tokenByHash(String hash) {
    return identities.tokenByHash(hash);
  }

  @Override
  public List<ApiToken> tokens(String username) {
    return identities.tokens(username);
  }

  @Override
  public boolean deleteToken(String username, String id) {
    return identities.deleteToken(username, id);
  }

  @Override
  public void touchToken(String id, Instant at) {
    identities.touchToken(id, at);
  }

  @Override
  public void appendAudit(AuditEntry entry) {
    identities.appendAudit(entry);
  }

  @Override
  public List<AuditEntry> audit(int limit) {
    return identities.audit(limit);
  }

  /**
   * PINGs Redis, and judges its persistence settings if that could not be done at start. With
   * {@code requirePersistence}, unsafe settings keep the store unready.
   */
  @Override
  public void checkHealth() {
    pool.call("answer PING", j -> j.ping());
    if (!durabilityJudged) {
      try {
        judgeDurability();
      } catch (IllegalStateException unsafe) {
        throw new StoreUnavailableException(unsafe.getMessage(), unsafe);
      }
    }
  }

  @Override
  public void close() {
    pool.close();
  }

  private Optional<Job> move(String id, Set<JobState> expectedFrom, JobTransition transition, String fencingToken) {
    Optional<String> valid = JobIds.normalize(id);
    Set<JobState> allowed = TransitionRules.allowedFrom(expectedFrom, transition.to());
    if (valid.isEmpty() || allowed.isEmpty()) {
      return Optional.empty();
    }
    String jobId = valid.get();
    List<String> scriptKeys = new ArrayList<>();
    scriptKeys.add(keys.job(jobId));
    scriptKeys.addAll(keys.allStates());
    scriptKeys.add(keys.events(jobId));
    scriptKeys.add(keys.changes());
    scriptKeys.add(keys.leaseToken());
    Placement placement = transition.placement();
    List<String> args = List.of(
        keys.prefix(), jobId, TransitionRules.asArgument(allowed), transition.to().name(),
        transition.at().toString(), transition.actor(),
        given(transition.message()),
        given(placement == null ? null : placement.node()),
        given(placement == null ? null : JobFields.devices(placement.gpus())),
        given(transition.exitCode() == null ? null : transition.exitCode().toString()),
        given(transition.executorRef()),
        fencingToken,
        Integer.toString(config.eventsMaxPerJob()),
        Integer.toString(config.changesMaxLength()));
    List<?> reply = (List<?>) pool.run("move job " + jobId + " to " + transition.to(), TRANSITION, scriptKeys, args);
    if (reply == null) {
      return Optional.empty();
    }
    if (Long.valueOf(2).equals(reply.get(0))) {
      log.warn("Refused to claim job {}: fencing token {} is older than the newest lease's {} (this process is no"
          + " longer the leader)", jobId, fencingToken, reply.get(1));
      return Optional.empty();
    }
    return Optional.of(JobFields.toJob(jobId, JobFields.pairs((List<?>) reply.get(1))));
  }

  private static JobTransition scheduled(Placement placement, Instant at, String actor) {
    return new JobTransition(JobState.SCHEDULED, at, actor, null, placement, null, null);
  }

  /** The script's form of an optional value: '' for none, '=' and the text otherwise. */
  private static String given(String value) {
    return value == null ? "" : "=" + value;
  }

  private void judgeDurability() {
    RedisDurability durability = pool.call("read its persistence settings", PersistenceCheck::inspect);
    PersistenceCheck.judge(durability, config.requirePersistence(), config.endpoint(), log);
    durabilityJudged = true;
  }
}
