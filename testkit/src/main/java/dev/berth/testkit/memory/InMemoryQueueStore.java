package dev.berth.testkit.memory;

import dev.berth.api.ApiToken;
import dev.berth.api.AuditEntry;
import dev.berth.api.Claim;
import dev.berth.api.Enqueued;
import dev.berth.api.IdentityStore;
import dev.berth.api.Job;
import dev.berth.api.JobEvent;
import dev.berth.api.JobPage;
import dev.berth.api.JobQuery;
import dev.berth.api.JobState;
import dev.berth.api.JobSubmission;
import dev.berth.api.JobTransition;
import dev.berth.api.QueueStore;
import dev.berth.api.StoreUnavailableException;
import dev.berth.api.TransitionRequest;
import dev.berth.api.UsageAccrual;
import dev.berth.api.UserAccount;
import dev.berth.api.UserUsage;
import dev.berth.api.VersionedSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A {@link QueueStore} and {@link IdentityStore} in memory, for deterministic scheduler tests and
 * simulations. It passes the same {@code QueueStoreContract} and {@code IdentityStoreContract} as
 * the SQLite and Redis stores: every change is an atomic compare-and-set under the storage's lock,
 * transitions follow {@link JobState#allowedFrom}, claims honour fencing tokens issued by an {@link
 * InMemoryLeaderLease} over the same storage, and reads and claims cost O(log n) (see {@link
 * JobIndex}). Nothing survives the JVM.
 *
 * <p>Several instances over one {@link InMemoryStorage} are several Berth processes sharing one
 * store. {@link #disconnect()} cuts one instance off, as a network partition would: it then throws
 * {@link StoreUnavailableException} for every call until {@link #reconnect()}.
 */
public final class InMemoryQueueStore implements QueueStore, IdentityStore {
  private final InMemoryStorage storage;
  private volatile boolean connected = true;

  /** A store over fresh, empty storage. */
  public InMemoryQueueStore() {
    this(new InMemoryStorage());
  }

  /** Another instance over {@code storage}, as another Berth process would open it. */
  public InMemoryQueueStore(InMemoryStorage storage) {
    this.storage = storage;
  }

  public InMemoryStorage storage() {
    return storage;
  }

  /** From now on every call throws {@link StoreUnavailableException}, as on a lost connection. */
  public void disconnect() {
    connected = false;
  }

  public void reconnect() {
    connected = true;
  }

  @Override
  public Enqueued enqueueCounted(JobSubmission s, Instant at) {
    return locked("enqueue a job", () -> {
      long ahead = storage.jobs.count(JobState.QUEUED); // every queued job has a smaller id
      return new Enqueued(add(s, at, null), ahead);
    });
  }

  @Override
  public List<Job> enqueueAll(List<JobSubmission> submissions, Instant at) {
    return locked("enqueue jobs", () -> {
      List<Job> added = new ArrayList<>(submissions.size());
      String arrayId = null;
      for (JobSubmission s : submissions) {
        if (s.flow().inArray() && arrayId == null) {
          arrayId = Long.toString(storage.lastSequence + 1);
        }
        added.add(add(s, at, s.flow().inArray() ? arrayId : null));
      }
      return added;
    });
  }

  /** Adds one job with the next id and its first event; the caller holds the lock. */
  private Job add(JobSubmission s, Instant at, String arrayId) {
    long sequence = ++storage.lastSequence;
    JobState state = s.hold() ? JobState.HELD : JobState.QUEUED;
    Job job = new Job(Long.toString(sequence), s.name(), s.user(), s.template(), s.parameters(), s.gpus(),
        s.priority(), state, at, null, null, null, null, null, null, null, s.timeLimitSeconds(),
        s.notifyEvents(), s.flow().withArrayId(arrayId).withAttempt(1), s.interactive());
    storage.jobs.add(job);
    storage.appendEvent(new JobEvent(job.id(), 0, at, null, state, s.user(), null));
    return job;
  }

  @Override
  public List<Job> arrayJobs(String arrayId) {
    return locked("read array " + arrayId, () -> storage.jobs.array(arrayId));
  }

  @Override
  public Optional<Job> get(String id) {
    Optional<Long> sequence = JobIds.parse(id);
    return locked("read job " + id, () -> sequence.map(storage.jobs::get));
  }

  @Override
  public JobPage list(JobQuery query) {
    return locked("list jobs", () -> storage.jobs.page(query));
  }

  @Override
  public Map<JobState, Long> countByState() {
    return locked("count jobs", () -> {
      Map<JobState, Long> counts = new EnumMap<>(JobState.class);
      for (JobState state : JobState.values()) {
        counts.put(state, storage.jobs.count(state));
      }
      return counts;
    });
  }

  @Override
  public long countQueuedBefore(String id) {
    long sequence = JobIds.parse(id).orElseThrow(() -> new IllegalArgumentException("not a job id: '" + id + "'"));
    return locked("count queued jobs", () -> storage.jobs.queuedBefore(sequence));
  }

  /** Refuses the whole batch, as Redis does, when a lease newer than {@code fencingToken} was issued. */
  @Override
  public List<Job> claimAll(List<Claim> claims, Instant at, String actor, long fencingToken) {
    return locked("claim jobs", () -> {
      if (fencingToken > 0 && fencingToken < storage.newestFencingToken) {
        return List.of();
      }
      List<Job> claimed = new ArrayList<>();
      for (Claim claim : claims) {
        Job current = JobIds.parse(claim.jobId()).map(storage.jobs::get).orElse(null);
        if (current != null && atArrayCap(current)) {
          continue;
        }
        JobTransition schedule = new JobTransition(JobState.SCHEDULED, at, actor, null, claim.placement(), null, null);
        apply(claim.jobId(), Set.of(JobState.QUEUED), schedule).ifPresent(claimed::add);
      }
      return claimed;
    });
  }

  private boolean atArrayCap(Job job) {
    Integer cap = job.flow().arrayMaxRunning();
    String array = job.flow().arrayId();
    return cap != null && array != null && storage.jobs.activeInArray(array) >= cap;
  }

  @Override
  public Optional<Job> transition(String id, Set<JobState> expectedFrom, JobTransition transition) {
    Set<JobState> allowed = transition.to().allowedFrom(expectedFrom);
    return locked("move job " + id + " to " + transition.to(), () -> apply(id, allowed, transition));
  }

  /** Every request under one hold of the storage's lock, as one transaction would be. */
  @Override
  public List<Optional<Job>> transitionAll(List<TransitionRequest> requests) {
    return locked("move " + requests.size() + " jobs", () -> {
      List<Optional<Job>> after = new ArrayList<>(requests.size());
      for (TransitionRequest r : requests) {
        after.add(apply(r.jobId(), r.transition().to().allowedFrom(r.expectedFrom()), r.transition()));
      }
      return after;
    });
  }

  @Override
  public Optional<Job> updateTimeLimit(String id, Set<JobState> expectedFrom, int seconds, boolean onlyRaise) {
    return locked("change the time limit of job " + id, () -> {
      Job current = JobIds.parse(id).map(storage.jobs::get).orElse(null);
      if (current == null || seconds < 1 || !expectedFrom.contains(current.state())) {
        return Optional.empty();
      }
      // "No limit" is the longest of all: raising from it is lowering.
      if (onlyRaise && (current.timeLimitSeconds() == null || current.timeLimitSeconds() > seconds)) {
        return Optional.empty();
      }
      Job after = current.withTimeLimitSeconds(seconds);
      storage.jobs.replace(current, after); // no history event: the state did not change
      return Optional.of(after);
    });
  }

  @Override
  public Optional<Job> updateMessage(String id, Set<JobState> expectedFrom, String message) {
    return locked("change the message of job " + id, () -> {
      Job current = JobIds.parse(id).map(storage.jobs::get).orElse(null);
      if (current == null || message == null || !expectedFrom.contains(current.state())) {
        return Optional.empty();
      }
      Job after = current.withMessage(message);
      storage.jobs.replace(current, after); // no history event: the state did not change
      return Optional.of(after);
    });
  }

  /** The one compare-and-set every state change goes through; the caller holds the lock. */
  private Optional<Job> apply(String id, Set<JobState> allowedFrom, JobTransition transition) {
    Job current = JobIds.parse(id).map(storage.jobs::get).orElse(null);
    if (current == null || !allowedFrom.contains(current.state())) {
      return Optional.empty();
    }
    return Optional.of(replace(current, transition.applyTo(current), transition));
  }

  /**
   * Stores {@code after} in place of {@code before} with the event of {@code cause}. Every write to
   * a job goes through here, so a new kind of change (a job's time limit) is one more caller.
   */
  private Job replace(Job before, Job after, JobTransition cause) {
    storage.jobs.replace(before, after);
    storage.appendEvent(
        new JobEvent(before.id(), 0, cause.at(), before.state(), after.state(), cause.actor(), cause.message()));
    return after;
  }

  @Override
  public List<JobEvent> events(String id) {
    Optional<Long> sequence = JobIds.parse(id);
    return locked("read events of job " + id,
        () -> sequence.map(s -> List.copyOf(storage.events.getOrDefault(s, List.of()))).orElse(List.of()));
  }

  @Override
  public VersionedSettings settings(String section) {
    return locked("read settings " + section,
        () -> storage.settings.getOrDefault(section, new VersionedSettings(section, 0, Map.of())));
  }

  @Override
  public Optional<VersionedSettings> putSettings(String section, Map<String, String> values, long expectedVersion) {
    return locked("write settings " + section, () -> {
      long stored = storage.settings.containsKey(section) ? storage.settings.get(section).version() : 0;
      if (stored != expectedVersion) {
        return Optional.empty();
      }
      VersionedSettings next = new VersionedSettings(section, expectedVersion + 1, values);
      storage.settings.put(section, next);
      return Optional.of(next);
    });
  }

  /** All accruals under the storage's lock: one atomic step; a job not stored adds nothing. */
  @Override
  public void accrueUsage(List<UsageAccrual> accruals, Duration halfLife) {
    requirePositive(halfLife);
    locked("accrue usage", () -> {
      for (UsageAccrual accrual : accruals) {
        long sequence = JobIds.sequence(accrual.jobId());
        if (sequence >= 0 && storage.jobs.get(sequence) != null) {
          storage.usage.accrue(sequence, accrual, halfLife);
        }
      }
      return null;
    });
  }

  @Override
  public List<UserUsage> usage(Instant at, Duration halfLife) {
    requirePositive(halfLife);
    return locked("read the usage ledger", () -> storage.usage.usage(at, halfLife));
  }

  private static void requirePositive(Duration halfLife) {
    if (halfLife.isNegative() || halfLife.isZero()) {
      throw new IllegalArgumentException("the half-life must be positive, was " + halfLife);
    }
  }

  @Override
  public void checkHealth() {
    locked("answer", () -> null);
  }

  @Override
  public Optional<UserAccount> user(String username) {
    return locked("read a user", () -> storage.identities.user(username));
  }

  @Override
  public List<UserAccount> users() {
    return locked("list users", storage.identities::users);
  }

  @Override
  public boolean createUser(UserAccount user) {
    return locked("create a user", () -> storage.identities.create(user, false));
  }

  @Override
  public boolean createFirstUser(UserAccount user) {
    return locked("create the first user", () -> storage.identities.create(user, true));
  }

  @Override
  public boolean updateUser(UserAccount user) {
    return locked("update a user", () -> storage.identities.update(user));
  }

  @Override
  public void addToken(ApiToken token) {
    locked("add a token", () -> {
      storage.identities.addToken(token);
      return null;
    });
  }

  @Override
  public Optional<ApiToken> tokenByHash(String hash) {
    return locked("find a token", () -> storage.identities.tokenByHash(hash));
  }

  @Override
  public List<ApiToken> tokens(String username) {
    return locked("list tokens", () -> storage.identities.tokens(username));
  }

  @Override
  public boolean deleteToken(String username, String id) {
    return locked("delete a token", () -> storage.identities.deleteToken(username, id));
  }

  @Override
  public void touchToken(String id, Instant at) {
    locked("touch a token", () -> {
      storage.identities.touchToken(id, at);
      return null;
    });
  }

  @Override
  public void appendAudit(AuditEntry entry) {
    locked("append to the audit log", () -> {
      storage.identities.appendAudit(entry);
      return null;
    });
  }

  @Override
  public List<AuditEntry> audit(int limit) {
    return locked("read the audit log", () -> storage.identities.audit(limit));
  }

  private <T> T locked(String what, Supplier<T> work) {
    if (!connected) {
      throw new StoreUnavailableException("in-memory store disconnected: cannot " + what, null);
    }
    return storage.locked(work);
  }
}
