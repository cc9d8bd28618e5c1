package dev.berth.store.redis;

import dev.berth.api.ApiToken;
import dev.berth.api.AuditEntry;
import dev.berth.api.Claim;
import dev.berth.api.IdentityStore;
import dev.berth.api.Enqueued;
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
import dev.berth.api.TransitionRequest;
import dev.berth.api.StoreUnavailableException;
import dev.berth.api.UsageAccrual;
import dev.berth.api.UserAccount;
import dev.berth.api.UserUsage;
import dev.berth.api.VersionedSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
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
 * ({@link IdentityStore}) and the usage ledger ({@link UsageLedger}) are kept under the same prefix.
 */
@Extension
public final class RedisQueueStore implements QueueStore, IdentityStore, AutoCloseable {
  /** Repeatable because each call carries its own token, which makes a repeat answer the first run's job. */
  private static final LuaScript ENQUEUE = LuaScript.loadRepeatable("enqueue.lua");
  private static final LuaScript ENQUEUE_ALL = LuaScript.loadRepeatable("enqueue-all.lua");
  /*
   * Repeatable, though a repeat of a transition that was applied (Redis died after running it,
   * before answering) finds the job moved and answers empty. That is the safe way to be wrong: the
   * move is in the store once, with its event, and the caller, told that someone else moved the
   * job, reads it again (StateWriter does) instead of acting on a change it did not make; only the
   * in-process announcement of that one change is missed. Not repeating would answer 503 for every
   * transition made on a connection that died idle, after every Redis restart.
   */
  private static final LuaScript TRANSITION = LuaScript.loadRepeatable("transition.lua");
  /** Runs of {@code transition.lua} per pipelined trip: the reconciler's round is up to 512 reports. */
  static final int MAX_TRANSITIONS_PER_TRIP = 512;
  private static final LuaScript TIME_LIMIT = LuaScript.loadRepeatable("time-limit.lua");
  private static final LuaScript MESSAGE = LuaScript.loadRepeatable("message.lua");
  private static final LuaScript COUNTS = LuaScript.loadRepeatable("counts.lua");

  private final RedisStoreConfig config;
  private final RedisKeys keys;
  private final RedisPool pool;
  private final JobPager pager;
  private final ClaimBatch claims;
  private final EnqueueTokens enqueueTokens = new EnqueueTokens();
  private final String enqueueTokenTtlMillis;
  private final SettingsHashes settings;
  private final IdentityHashes identities;
  private final UsageLedger usage;
  private final Logger log;
  private volatile boolean durabilityJudged;

  public RedisQueueStore(PluginContext context) {
    this(context, System::getenv);
  }

  /** For tests: {@code environment} stands in for the process environment (the password variable). */
  RedisQueueStore(PluginContext context, Function<String, String> environment) {
    this(context, environment, RedisPool.IDLE_TEST_INTERVAL);
  }

  /** For tests: also how often idle connections are tested; zero for never. */
  RedisQueueStore(PluginContext context, Function<String, String> environment, Duration idleTestInterval) {
    this.config = RedisStoreConfig.from(context.config(), environment);
    this.keys = new RedisKeys(config.prefix());
    this.log = context.logger();
    this.pool = RedisPool.open(config, config.maxConnections(), "", config.testOnBorrow(), idleTestInterval);
    this.pager = new JobPager(pool, keys);
    this.claims = new ClaimBatch(pool, keys, config.eventsMaxPerJob(), config.changesMaxLength(), log);
    this.enqueueTokenTtlMillis = Long.toString(EnqueueTokens.ttl(config).toMillis());
    this.settings = new SettingsHashes(pool, keys, config.changesMaxLength());
    this.identities = new IdentityHashes(pool, keys);
    this.usage = new UsageLedger(pool, keys);
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

  /** The script counts the queue in the same atomic step: one round trip per submission. */
  @Override
  public Enqueued enqueueCounted(JobSubmission submission, Instant at) {
    return enqueue(submission, at, enqueueTokens.next());
  }

  /** {@link #enqueueCounted} as the call named {@code token}: a second call with it adds nothing. */
  Enqueued enqueue(JobSubmission submission, Instant at, String token) {
    JobState state = submission.hold() ? JobState.HELD : JobState.QUEUED;
    List<String> args = new ArrayList<>(List.of(
        keys.prefix(), at.toString(), submission.user(), Integer.toString(config.changesMaxLength()),
        enqueueTokenTtlMillis, state.name()));
    args.addAll(JobFields.ofSubmission(submission));
    List<?> answer = (List<?>) pool.run("enqueue a job", ENQUEUE,
        List.of(keys.sequence(), keys.state(JobState.QUEUED), keys.changes(), keys.enqueueToken(token),
            keys.state(state)), args);
    return new Enqueued(queued(String.valueOf(answer.get(0)), submission, state, at, null),
        ((Number) answer.get(1)).longValue());
  }

  /** The job {@code submission} became, as the enqueue scripts wrote it. */
  private static Job queued(String id, JobSubmission submission, JobState state, Instant at, String arrayId) {
    return new Job(id, submission.name(), submission.user(), submission.template(),
        submission.parameters(), submission.gpus(), submission.priority(), state, at,
        null, null, null, null, null, null, null, submission.timeLimitSeconds(), submission.notifyEvents(),
        submission.flow().withArrayId(arrayId).withAttempt(1), submission.interactive());
  }

  /** Every job in one script run: one round trip, all or none. */
  @Override
  public List<Job> enqueueAll(List<JobSubmission> submissions, Instant at) {
    if (submissions.isEmpty()) {
      return List.of();
    }
    List<String> args = new ArrayList<>(List.of(keys.prefix(), at.toString(),
        Integer.toString(config.changesMaxLength()), enqueueTokenTtlMillis));
    for (JobSubmission submission : submissions) {
      List<String> fields = JobFields.ofSubmission(submission);
      args.add((submission.hold() ? JobState.HELD : JobState.QUEUED).name());
      args.add(submission.user());
      args.add(submission.flow().inArray() ? "1" : "0");
      args.add(Integer.toString(fields.size()));
      args.addAll(fields);
    }
    List<?> ids = (List<?>) pool.run("enqueue " + submissions.size() + " jobs", ENQUEUE_ALL,
        List.of(keys.sequence(), keys.changes(), keys.enqueueToken(enqueueTokens.next())), args);
    String arrayId = null;
    List<Job> jobs = new ArrayList<>(submissions.size());
    for (int i = 0; i < submissions.size(); i++) {
      JobSubmission submission = submissions.get(i);
      String id = String.valueOf(ids.get(i));
      if (submission.flow().inArray() && arrayId == null) {
        arrayId = id;
      }
      jobs.add(queued(id, submission, submission.hold() ? JobState.HELD : JobState.QUEUED, at,
          submission.flow().inArray() ? arrayId : null));
    }
    return jobs;
  }

  @Override
  public List<Job> arrayJobs(String arrayId) {
    Optional<String> valid = JobIds.normalize(arrayId);
    if (valid.isEmpty()) {
      return List.of();
    }
    // Two round trips for the whole array: its ids, then every hash in one pipeline.
    List<String> ids = pool.callRepeatable("read array " + valid.get(), j -> j.zrange(keys.array(valid.get()), 0, -1));
    return getAll(ids).stream().flatMap(Optional::stream).toList();
  }

  @Override
  public Optional<Job> get(String id) {
    Optional<String> valid = JobIds.normalize(id);
    if (valid.isEmpty()) {
      return Optional.empty();
    }
    String jobId = valid.get();
    Map<String, String> fields = pool.callRepeatable("read job " + jobId, j -> j.hgetAll(keys.job(jobId)));
    return fields.isEmpty() ? Optional.empty() : Optional.of(JobFields.toJob(jobId, fields));
  }

  /** One pipelined round trip for every hash. */
  @Override
  public List<Optional<Job>> getAll(List<String> ids) {
    List<Optional<String>> valid = ids.stream().map(JobIds::normalize).toList();
    if (valid.stream().noneMatch(Optional::isPresent)) {
      return valid.stream().map(v -> Optional.<Job>empty()).toList();
    }
    return pool.callRepeatable("read " + ids.size() + " jobs", j -> {
      List<redis.clients.jedis.Response<Map<String, String>>> hashes = new ArrayList<>(ids.size());
      try (redis.clients.jedis.AbstractPipeline pipeline = j.pipelined()) {
        for (Optional<String> id : valid) {
          hashes.add(id.isPresent() ? pipeline.hgetAll(keys.job(id.get())) : null);
        }
        pipeline.sync();
      }
      List<Optional<Job>> jobs = new ArrayList<>(ids.size());
      for (int i = 0; i < ids.size(); i++) {
        Map<String, String> fields = hashes.get(i) == null ? Map.of() : hashes.get(i).get();
        jobs.add(fields.isEmpty() ? Optional.empty() : Optional.of(JobFields.toJob(valid.get(i).get(), fields)));
      }
      return jobs;
    });
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
    return pool.callRepeatable("count queued jobs before " + jobId,
        j -> j.zcount(keys.state(JobState.QUEUED), "-inf", "(" + jobId));
  }

  /**
   * Every claim of a batch (up to {@value ClaimBatch#MAX_CLAIMS}) in one round trip. Redis refuses
   * the whole batch, in the same script, when a newer lease than {@code fencingToken} was issued.
   * Issued tokens start at 1; a token of 0 or less means the caller holds no lease (a single Berth
   * process, {@code extensions.lease} empty), and is not checked.
   */
  @Override
  public List<Job> claimAll(List<Claim> batch, Instant at, String actor, long fencingToken) {
    List<ClaimBatch.Wanted> wanted = new ArrayList<>(batch.size());
    for (Claim c : batch) {
      wanted.add(new ClaimBatch.Wanted(c.jobId(), c.placement()));
    }
    return claims.claim(wanted, at, actor, fencingToken);
  }

  @Override
  public Optional<Job> transition(String id, Set<JobState> expectedFrom, JobTransition transition) {
    Optional<String> valid = JobIds.normalize(id);
    Set<JobState> allowed = transition.to().allowedFrom(expectedFrom);
    if (valid.isEmpty() || allowed.isEmpty()) {
      return Optional.empty();
    }
    String jobId = valid.get();
    Object reply = pool.run("move job " + jobId + " to " + transition.to(), TRANSITION,
        transitionKeys(jobId), transitionArgs(jobId, allowed, transition));
    return movedJob(jobId, reply);
  }

  /**
   * Every request's run of {@code transition.lua} in one round trip (a pipeline, up to {@value
   * #MAX_TRANSITIONS_PER_TRIP} per trip). Each run is the same atomic compare-and-set as {@link
   * #transition}, in order; a request that cannot apply is answered empty without a trip.
   */
  @Override
  public List<Optional<Job>> transitionAll(List<TransitionRequest> requests) {
    List<Optional<Job>> after = new ArrayList<>(Collections.nCopies(requests.size(), Optional.<Job>empty()));
    List<Integer> sent = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    List<List<String>> scriptKeys = new ArrayList<>();
    List<List<String>> args = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      TransitionRequest r = requests.get(i);
      Optional<String> valid = JobIds.normalize(r.jobId());
      Set<JobState> allowed = r.transition().to().allowedFrom(r.expectedFrom());
      if (valid.isEmpty() || allowed.isEmpty()) {
        continue;
      }
      sent.add(i);
      ids.add(valid.get());
      scriptKeys.add(transitionKeys(valid.get()));
      args.add(transitionArgs(valid.get(), allowed, r.transition()));
    }
    for (int from = 0; from < sent.size(); from += MAX_TRANSITIONS_PER_TRIP) {
      int to = Math.min(sent.size(), from + MAX_TRANSITIONS_PER_TRIP);
      List<List<String>> tripKeys = scriptKeys.subList(from, to);
      List<List<String>> tripArgs = args.subList(from, to);
      List<Object> replies = pool.callRepeatable("move " + (to - from) + " jobs",
          j -> TRANSITION.runAll(j, tripKeys, tripArgs));
      for (int k = 0; k < replies.size(); k++) {
        after.set(sent.get(from + k), movedJob(ids.get(from + k), replies.get(k)));
      }
    }
    return after;
  }

  private List<String> transitionKeys(String jobId) {
    List<String> scriptKeys = new ArrayList<>();
    scriptKeys.add(keys.job(jobId));
    scriptKeys.addAll(keys.allStates());
    scriptKeys.add(keys.events(jobId));
    scriptKeys.add(keys.changes());
    return scriptKeys;
  }

  private List<String> transitionArgs(String jobId, Set<JobState> allowed, JobTransition transition) {
    Placement placement = transition.placement();
    return List.of(
        keys.prefix(), jobId, StateArgument.asArgument(allowed), transition.to().name(),
        transition.at().toString(), transition.actor(),
        given(transition.message()),
        given(placement == null ? null : placement.node()),
        given(placement == null ? null : JobFields.devices(placement.gpus())),
        given(transition.exitCode() == null ? null : transition.exitCode().toString()),
        given(transition.executorRef()),
        Integer.toString(config.eventsMaxPerJob()),
        Integer.toString(config.changesMaxLength()));
  }

  /** The job from {@code transition.lua}'s reply: nil when nothing was written. */
  private static Optional<Job> movedJob(String jobId, Object reply) {
    if (reply == null) {
      return Optional.empty();
    }
    return Optional.of(JobFields.toJob(jobId, JobFields.pairs((List<?>) ((List<?>) reply).get(1))));
  }

  @Override
  public Optional<Job> updateTimeLimit(String id, Set<JobState> expectedFrom, int seconds, boolean onlyRaise) {
    Optional<String> valid = JobIds.normalize(id);
    if (valid.isEmpty() || expectedFrom.isEmpty() || seconds < 1) {
      return Optional.empty();
    }
    String jobId = valid.get();
    List<?> reply = (List<?>) pool.run("change the time limit of job " + jobId, TIME_LIMIT,
        List.of(keys.job(jobId)),
        List.of(StateArgument.asArgument(expectedFrom), Integer.toString(seconds), onlyRaise ? "1" : "0"));
    if (reply == null) {
      return Optional.empty();
    }
    return Optional.of(JobFields.toJob(jobId, JobFields.pairs((List<?>) reply.get(1))));
  }

  @Override
  public Optional<Job> updateMessage(String id, Set<JobState> expectedFrom, String message) {
    Optional<String> valid = JobIds.normalize(id);
    if (valid.isEmpty() || expectedFrom.isEmpty() || message == null) {
      return Optional.empty();
    }
    String jobId = valid.get();
    List<?> reply = (List<?>) pool.run("change the message of job " + jobId, MESSAGE,
        List.of(keys.job(jobId)), List.of(StateArgument.asArgument(expectedFrom), message));
    if (reply == null) {
      return Optional.empty();
    }
    return Optional.of(JobFields.toJob(jobId, JobFields.pairs((List<?>) reply.get(1))));
  }

  /** Up to {@value UsageLedger#MAX_PER_RUN} accruals per atomic script run. */
  @Override
  public void accrueUsage(List<UsageAccrual> accruals, Duration halfLife) {
    usage.accrue(accruals, halfLife);
  }

  @Override
  public List<UserUsage> usage(Instant at, Duration halfLife) {
    return usage.usage(at, halfLife);
  }

  @Override
  public List<JobEvent> events(String id) {
    Optional<String> valid = JobIds.normalize(id);
    if (valid.isEmpty()) {
      return List.of();
    }
    String jobId = valid.get();
    List<String> entries = pool.callRepeatable("read the events of job " + jobId, j -> j.lrange(keys.events(jobId), 0, -1));
    return entries.stream().map(entry -> EventCodec.decode(jobId, entry)).toList();
  }

  @Override
  public VersionedSettings settings(String section) {
    return settings.get(section);
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
    pool.callRepeatable("answer PING", j -> j.ping());
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

  /** The script's form of an optional value: '' for none, '=' and the text otherwise. */
  private static String given(String value) {
    return value == null ? "" : "=" + value;
  }

  private void judgeDurability() {
    RedisDurability durability = pool.callRepeatable("read its persistence settings", PersistenceCheck::inspect);
    PersistenceCheck.judge(durability, config.requirePersistence(), config.endpoint(), log);
    durabilityJudged = true;
  }
}
