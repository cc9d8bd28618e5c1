package dev.berth.store.redis;

import dev.berth.api.Job;
import dev.berth.api.JobState;
import dev.berth.api.Placement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * Claims through {@code claim.lua}: up to {@link #MAX_CLAIMS} jobs in one round trip, each its own
 * compare-and-set (QUEUED to SCHEDULED) inside one atomic script, fenced by the lease's token. A
 * single claim is a batch of one, so there is one claim path to trust.
 */
final class ClaimBatch {
  /**
   * Claims per script run: the scheduler's window. A larger batch is sent as several runs, which
   * keeps each run (and so the time Redis serves nobody else) short.
   */
  static final int MAX_CLAIMS = 512;

  /*
   * Repeatable, though a repeat is not invisible: when the connection dies after Redis ran the
   * script but before the reply came, the repeat finds those jobs SCHEDULED already and reports
   * them as not claimed. That is the safe way to be wrong. Nothing is claimed twice, and no
   * scheduler believes it holds a job it does not; the job is left SCHEDULED with this scheduler's
   * placement and no executor, which the reconciler's sweep hands back to the scheduler after its
   * grace period (as after a crash between claim and submit). It needs Redis to die between
   * running a script and answering it. Not repeating would answer 503 for every claim made on a
   * connection that died idle, after every Redis restart.
   */
  private static final LuaScript CLAIM = LuaScript.loadRepeatable("claim.lua");
  private static final Long STALE_TOKEN = 2L;

  /** One job to claim; {@code placement} may be null for a claim without one. */
  record Wanted(String jobId, Placement placement) {}

  private final RedisPool pool;
  private final RedisKeys keys;
  private final int eventsMaxPerJob;
  private final int changesMaxLength;
  private final Logger log;

  ClaimBatch(RedisPool pool, RedisKeys keys, int eventsMaxPerJob, int changesMaxLength, Logger log) {
    this.pool = pool;
    this.keys = keys;
    this.eventsMaxPerJob = eventsMaxPerJob;
    this.changesMaxLength = changesMaxLength;
    this.log = log;
  }

  /** The jobs claimed, in the order wanted; a token of 0 or less is not checked. */
  List<Job> claim(List<Wanted> wanted, Instant at, String actor, long fencingToken) {
    List<Wanted> valid = new ArrayList<>(wanted.size());
    for (Wanted w : wanted) {
      JobIds.normalize(w.jobId()).ifPresent(id -> valid.add(new Wanted(id, w.placement())));
    }
    List<Job> claimed = new ArrayList<>();
    for (int from = 0; from < valid.size(); from += MAX_CLAIMS) {
      Optional<List<Job>> part = run(valid.subList(from, Math.min(valid.size(), from + MAX_CLAIMS)), at, actor,
          fencingToken);
      if (part.isEmpty()) {
        break; // a stale token stays stale
      }
      claimed.addAll(part.get());
    }
    return claimed;
  }

  /** One run of the script; empty when the fencing token was refused. */
  private Optional<List<Job>> run(List<Wanted> batch, Instant at, String actor, long fencingToken) {
    String token = fencingToken > 0 ? Long.toString(fencingToken) : "";
    List<String> args = new ArrayList<>(6 + 3 * batch.size());
    args.addAll(List.of(keys.prefix(), at.toString(), actor, token, Integer.toString(eventsMaxPerJob),
        Integer.toString(changesMaxLength)));
    Map<String, Placement> placements = new HashMap<>();
    for (Wanted w : batch) {
      Placement p = w.placement();
      args.add(w.jobId());
      args.add(p == null ? "" : "=" + p.node());
      args.add(p == null ? "" : "=" + JobFields.devices(p.gpus()));
      if (!placements.containsKey(w.jobId())) {
        placements.put(w.jobId(), p); // a repeated id is claimed by its first entry, if at all
      }
    }
    String what = batch.size() == 1 ? "claim job " + batch.get(0).jobId() : "claim " + batch.size() + " jobs";
    List<?> reply = (List<?>) pool.run(what, CLAIM,
        List.of(keys.state(JobState.QUEUED), keys.state(JobState.SCHEDULED), keys.changes(), keys.leaseToken()), args);
    if (STALE_TOKEN.equals(reply.get(0))) {
      log.warn("Refused to {}: fencing token {} is older than the newest lease's {} (this process is no"
          + " longer the leader)", what, fencingToken, reply.get(1));
      return Optional.empty();
    }
    List<Job> claimed = new ArrayList<>((reply.size() - 1) / 2);
    for (int i = 1; i + 1 < reply.size(); i += 2) {
      String id = String.valueOf(reply.get(i));
      claimed.add(scheduled(id, JobFields.pairs((List<?>) reply.get(i + 1)), at, placements.get(id)));
    }
    return Optional.of(claimed);
  }

  /** The job as the script left it: its hash from before the claim, with what the claim wrote. */
  private static Job scheduled(String id, Map<String, String> before, Instant at, Placement placement) {
    before.put(JobFields.STATE, JobState.SCHEDULED.name());
    before.put(JobFields.SCHEDULED_AT, at.toString());
    if (placement != null) {
      before.put(JobFields.NODE, placement.node());
      before.put(JobFields.DEVICES, JobFields.devices(placement.gpus()));
    }
    return JobFields.toJob(id, before);
  }
}
