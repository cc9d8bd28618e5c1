package dev.berth.store.sqlite;

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
import dev.berth.api.UsageAccrual;
import dev.berth.api.UserAccount;
import dev.berth.api.UserUsage;
import dev.berth.api.VersionedSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.pf4j.Extension;

/**
 * A {@link QueueStore} in one SQLite file (config {@code store.sqlite}: {@code file}, {@code
 * busyTimeoutMillis}, {@code maxConnections}).
 *
 * <p>Every state change is one {@code UPDATE … WHERE id = ? AND state IN (…)} plus its event, in
 * one {@code BEGIN IMMEDIATE} transaction: the database's write lock makes it a compare-and-set
 * that holds across threads and across Berth processes sharing the file. Users, token hashes and
 * the audit log ({@link IdentityStore}) live in the same file, written the same way. Commits are synchronous
 * (WAL, synchronous=FULL), so a change is on disk when a method returns. The usage ledger
 * ({@link #accrueUsage}) is kept in the same file too. Writes that arrive
 * together share one commit ({@link SqliteDatabase}); each is still its own compare-and-set.
 */
@Extension
public final class SqliteQueueStore implements QueueStore, IdentityStore, AutoCloseable {
  private final SqliteDatabase database;

  public SqliteQueueStore(PluginContext context) {
    SqliteStoreConfig config = SqliteStoreConfig.from(context);
    createParentDirectory(config);
    this.database = new SqliteDatabase(config);
    try {
      SchemaMigrator migrator = new SchemaMigrator(Migrations.ALL, context.clock());
      int version = database.write("migrate the schema", migrator::migrate);
      context.logger().info("SQLite queue store at {} (schema version {})", config.file(), version);
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  /** Counted inside the insert's transaction: exact, and no second trip to the file. */
  @Override
  public Enqueued enqueueCounted(JobSubmission submission, Instant at) {
    return database.write(
        "enqueue a job",
        connection -> {
          Job job = JobTable.insert(connection, submission, at, null);
          EventTable.append(connection, job.sequence(), at, null, job.state(), submission.user(), null);
          return new Enqueued(job, JobCounts.queuedBefore(connection, job.sequence()));
        });
  }

  /** Every job in one write transaction: all of them or none, and one commit for an array. */
  @Override
  public List<Job> enqueueAll(List<JobSubmission> submissions, Instant at) {
    if (submissions.isEmpty()) {
      return List.of();
    }
    return database.write(
        "enqueue " + submissions.size() + " jobs",
        connection -> {
          List<Job> added = new ArrayList<>(submissions.size());
          Long arrayId = null;
          for (JobSubmission submission : submissions) {
            Job job = JobTable.insert(connection, submission, at, submission.flow().inArray() ? arrayId : null);
            if (submission.flow().inArray() && arrayId == null) {
              // The first element names the array; it learns its own id only from the insert.
              arrayId = job.sequence();
              JobTable.setArrayId(connection, arrayId);
              job = job.withFlow(job.flow().withArrayId(job.id()));
            }
            EventTable.append(connection, job.sequence(), at, null, job.state(), submission.user(), null);
            added.add(job);
          }
          return added;
        });
  }

  @Override
  public List<Job> arrayJobs(String arrayId) {
    OptionalLong rowId = JobIds.parse(arrayId);
    if (rowId.isEmpty()) {
      return List.of();
    }
    return database.read("read array " + arrayId, connection -> JobTable.ofArray(connection, rowId.getAsLong()));
  }

  @Override
  public Optional<Job> get(String id) {
    OptionalLong rowId = JobIds.parse(id);
    if (rowId.isEmpty()) {
      return Optional.empty();
    }
    return database.read(
        "read job " + id, connection -> JobTable.find(connection, rowId.getAsLong()));
  }

  /** One read transaction: the rows in chunks of {@code IN (...)}, their parameters with them. */
  @Override
  public List<Optional<Job>> getAll(List<String> ids) {
    List<Long> rowIds = new ArrayList<>(ids.size());
    for (String id : ids) {
      JobIds.parse(id).ifPresent(rowIds::add);
    }
    if (rowIds.isEmpty()) {
      return ids.stream().map(id -> Optional.<Job>empty()).toList();
    }
    Map<Long, Job> found =
        database.read("read " + ids.size() + " jobs", connection -> JobTable.findAll(connection, rowIds));
    List<Optional<Job>> jobs = new ArrayList<>(ids.size());
    for (String id : ids) {
      OptionalLong rowId = JobIds.parse(id);
      jobs.add(rowId.isPresent() ? Optional.ofNullable(found.get(rowId.getAsLong())) : Optional.empty());
    }
    return jobs;
  }

  @Override
  public JobPage list(JobQuery query) {
    return database.read("list jobs", connection -> JobListing.page(connection, query));
  }

  @Override
  public Map<JobState, Long> countByState() {
    return database.read("count jobs", JobCounts::byState);
  }

  @Override
  public long countQueuedBefore(String id) {
    OptionalLong rowId = JobIds.parse(id);
    if (rowId.isEmpty()) {
      throw new IllegalArgumentException("not a job id: '" + id + "'");
    }
    return database.read(
        "count queued jobs before " + id,
        connection -> JobCounts.queuedBefore(connection, rowId.getAsLong()));
  }

  /**
   * Every claim in one write transaction: one commit, one fsync, for the burst. Each claim is
   * still its own compare-and-set on the job's state, so a job taken or cancelled meanwhile is
   * skipped. This store issues no leases, so, as for a single claim, {@code fencingToken} has
   * nothing to be checked against.
   */
  @Override
  public List<Job> claimAll(List<Claim> claims, Instant at, String actor, long fencingToken) {
    if (claims.isEmpty()) {
      return List.of();
    }
    Set<JobState> queued = Set.of(JobState.QUEUED);
    // One batch of compare-and-sets, its statements prepared once; each claim also counts its
    // array's running jobs, the batch's own claims included.
    List<StateChanges.Change> changes = new ArrayList<>(claims.size());
    for (Claim claim : claims) {
      JobIds.parse(claim.jobId()).ifPresent(rowId ->
          changes.add(new StateChanges.Change(rowId, queued, claimTransition(claim.placement(), at, actor))));
    }
    if (changes.isEmpty()) {
      return List.of();
    }
    return database.write(
        "claim " + claims.size() + " jobs",
        connection -> {
          List<Job> claimed = new ArrayList<>(changes.size());
          for (Optional<Job> job : StateChanges.apply(connection, changes, ArrayCaps::read)) {
            job.ifPresent(claimed::add);
          }
          return claimed;
        });
  }

  @Override
  public Optional<Job> transition(String id, Set<JobState> expectedFrom, JobTransition transition) {
    OptionalLong rowId = JobIds.parse(id);
    Set<JobState> allowedFrom = transition.to().allowedFrom(expectedFrom);
    if (rowId.isEmpty() || allowedFrom.isEmpty()) {
      return Optional.empty();
    }
    return database.write(
        "move job " + id + " to " + transition.to(),
        connection -> StateChange.apply(connection, rowId.getAsLong(), allowedFrom, transition));
  }

  /**
   * Every request in one write transaction: one commit, one fsync, for the reconciler's round of
   * reports, with its statements prepared once ({@link StateChanges}). Each is still its own
   * compare-and-set on the job's state, run in order, so a request that finds the job moved is
   * skipped and a later one sees what the earlier ones wrote.
   */
  @Override
  public List<Optional<Job>> transitionAll(List<TransitionRequest> requests) {
    if (requests.isEmpty()) {
      return List.of();
    }
    return database.write(
        "move " + requests.size() + " jobs",
        connection -> {
          List<StateChanges.Change> changes = new ArrayList<>(requests.size());
          List<Integer> asked = new ArrayList<>(requests.size());
          for (int i = 0; i < requests.size(); i++) {
            TransitionRequest request = requests.get(i);
            OptionalLong rowId = JobIds.parse(request.jobId());
            Set<JobState> allowedFrom =
                request.transition().to().allowedFrom(request.expectedFrom());
            if (rowId.isPresent() && !allowedFrom.isEmpty()) {
              changes.add(
                  new StateChanges.Change(rowId.getAsLong(), allowedFrom, request.transition()));
              asked.add(i);
            }
          }
          List<Optional<Job>> after =
              new ArrayList<>(Collections.nCopies(requests.size(), Optional.<Job>empty()));
          List<Optional<Job>> changed = StateChanges.apply(connection, changes);
          for (int k = 0; k < changed.size(); k++) {
            after.set(asked.get(k), changed.get(k));
          }
          return after;
        });
  }

  @Override
  public Optional<Job> updateTimeLimit(
      String id, Set<JobState> expectedFrom, int seconds, boolean onlyRaise) {
    OptionalLong rowId = JobIds.parse(id);
    if (rowId.isEmpty() || expectedFrom.isEmpty() || seconds < 1) {
      return Optional.empty();
    }
    return database.write(
        "change the time limit of job " + id,
        connection -> {
          if (JobTable.updateTimeLimit(
                  connection, rowId.getAsLong(), expectedFrom, seconds, onlyRaise)
              != 1) {
            return Optional.<Job>empty();
          }
          return JobTable.find(connection, rowId.getAsLong());
        });
  }

  @Override
  public Optional<Job> updateMessage(String id, Set<JobState> expectedFrom, String message) {
    OptionalLong rowId = JobIds.parse(id);
    if (rowId.isEmpty() || expectedFrom.isEmpty() || message == null) {
      return Optional.empty();
    }
    return database.write(
        "change the message of job " + id,
        connection -> {
          if (JobTable.updateMessage(connection, rowId.getAsLong(), expectedFrom, message) != 1) {
            return Optional.<Job>empty();
          }
          return JobTable.find(connection, rowId.getAsLong());
        });
  }

  /** Every accrual of the call in one write transaction. */
  @Override
  public void accrueUsage(List<UsageAccrual> accruals, Duration halfLife) {
    UsageDecay.requirePositive(halfLife);
    if (accruals.isEmpty()) {
      return;
    }
    database.write("accrue usage of " + accruals.size() + " jobs", connection -> {
      UsageTable.accrueAll(connection, accruals, halfLife);
      return null;
    });
  }

  @Override
  public List<UserUsage> usage(Instant at, Duration halfLife) {
    UsageDecay.requirePositive(halfLife);
    return database.read("read the usage ledger", connection -> UsageTable.all(connection, at, halfLife));
  }

  @Override
  public List<JobEvent> events(String id) {
    OptionalLong rowId = JobIds.parse(id);
    if (rowId.isEmpty()) {
      return List.of();
    }
    return database.read(
        "read the events of job " + id,
        connection -> EventTable.forJob(connection, rowId.getAsLong()));
  }

  @Override
  public VersionedSettings settings(String section) {
    return database.read(
        "read settings " + section, connection -> SettingsTable.get(connection, section));
  }

  @Override
  public Optional<VersionedSettings> putSettings(
      String section, Map<String, String> values, long expectedVersion) {
    return database.write(
        "write settings " + section,
        connection -> SettingsTable.put(connection, section, values, expectedVersion));
  }

  @Override
  public Optional<UserAccount> user(String username) {
    return database.read("read user " + username, c -> IdentityTables.user(c, username));
  }

  @Override
  public List<UserAccount> users() {
    return database.read("list users", IdentityTables::users);
  }

  @Override
  public boolean createUser(UserAccount user) {
    return database.write("create user " + user.username(), c -> IdentityTables.insertUser(c, user));
  }

  @Override
  public boolean createFirstUser(UserAccount user) {
    // BEGIN IMMEDIATE holds the write lock across the check and the insert, in every process.
    return database.write("create the first user",
        c -> !IdentityTables.anyUser(c) && IdentityTables.insertUser(c, user));
  }

  @Override
  public boolean updateUser(UserAccount user) {
    return database.write("update user " + user.username(), c -> IdentityTables.updateUser(c, user));
  }

  @Override
  public void addToken(ApiToken token) {
    database.write("add a token for " + token.username(), c -> {
      IdentityTables.insertToken(c, token);
      return null;
    });
  }

  @Override
  public Optional<ApiToken> tokenByHash(String hash) {
    return database.read("find a token", c -> IdentityTables.tokenByHash(c, hash));
  }

  @Override
  public List<ApiToken> tokens(String username) {
    return database.read("list the tokens of " + username, c -> IdentityTables.tokens(c, username));
  }

  @Override
  public boolean deleteToken(String username, String id) {
    return database.write("delete token " + id, c -> IdentityTables.deleteToken(c, username, id));
  }

  @Override
  public void touchToken(String id, Instant at) {
    database.write("record the use of token " + id, c -> {
      IdentityTables.touchToken(c, id, at);
      return null;
    });
  }

  @Override
  public void appendAudit(AuditEntry entry) {
    database.write("append to the audit log", c -> {
      IdentityTables.appendAudit(c, entry);
      return null;
    });
  }

  @Override
  public List<AuditEntry> audit(int limit) {
    return database.read("read the audit log", c -> IdentityTables.audit(c, limit));
  }

  /**
   * Reads the schema version through a pooled connection and checks that the file is still where it
   * was opened: SQLite keeps writing to a deleted file, and everything written then is lost.
   */
  @Override
  public void checkHealth() {
    database.read("check health", SchemaMigrator::currentVersion);
    if (!Files.exists(database.file())) {
      throw SqliteFailures.unavailable(
          "check health", database.file(), "the database file is gone (deleted or moved)", null);
    }
  }

  @Override
  public void close() {
    database.close();
  }

  private static JobTransition claimTransition(Placement placement, Instant at, String actor) {
    return new JobTransition(JobState.SCHEDULED, at, actor, null, placement, null, null);
  }

  private static void createParentDirectory(SqliteStoreConfig config) {
    try {
      Files.createDirectories(config.file().getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the directory of " + config.file(), e);
    }
    DatabaseFiles.makePrivate(config.file());
  }
}
