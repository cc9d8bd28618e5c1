package dev.berth.core.scheduler;

import dev.berth.api.Claim;
import dev.berth.api.Job;
import dev.berth.api.NodeVerdict;
import dev.berth.api.ResourceSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one pass decides, job by job in order: which jobs to claim and where, and why each other job
 * it looked at waits. Pure: it reads what the pass gathered and changes only its own state.
 *
 * <p>Strict order ({@code backfill: none}) stops at the first job that cannot start. Easy backfill
 * gives that job a {@link Reservation} and goes on: a later job starts only if it cannot delay it.
 * A job over a per-user limit is passed over, not waited for; when no other user's job could use
 * what is left and {@code limits.enforceOnlyWhenOthersWait} is on, such jobs get it after all.
 */
final class PassDecisions {
  /** How many queued jobs one pass looks at, at most, past the first that cannot start. */
  static final int LOOKAHEAD = 1000;

  private final List<Claim> claims = new ArrayList<>();
  private final List<Job> claimedJobs = new ArrayList<>();
  private final Map<String, List<WaitingReason>> reasons = new LinkedHashMap<>();
  private final Map<String, WaitingReason> overLimit = new LinkedHashMap<>();
  private final Map<String, Job> overLimitJobs = new LinkedHashMap<>();
  private final Map<String, WaitingReason> flowWaits = new LinkedHashMap<>();
  private Job blockedJob;
  private Blockage blockage;
  private Reservation reservation;

  private final ResourceSnapshot snapshot;
  private final Map<String, NodeVerdict> verdicts;
  private final Reservations reserved;
  private final Collection<Job> active;
  private final PassRules rules;
  private final Instant now;
  private final int slots;
  private final UserLimits.Tally tally;
  private final FlowGate gate;
  private GpuTimeline timeline;
  private SlotTimeline slotTimeline;
  private int freeGpus;
  /** The fewest GPUs a job of this pass asked for and no node could give: a job asking as many fails too. */
  private int fewestUnplaceable = Integer.MAX_VALUE;
  private boolean noGpuLeft;

  PassDecisions(ResourceSnapshot snapshot, Map<String, NodeVerdict> verdicts, Reservations reserved,
      Collection<Job> active, PassRules rules, Instant now, int slots, FlowGate gate) {
    this.gate = gate;
    this.snapshot = snapshot;
    this.verdicts = verdicts;
    this.reserved = reserved;
    this.active = active;
    this.rules = rules;
    this.now = now;
    this.slots = slots;
    this.tally = rules.limits().tally(active);
    this.freeGpus = FreeGpus.count(snapshot, verdicts, reserved);
  }

  /** Decides for the jobs in order; stops when nothing more can start or be learned. */
  void decide(Iterable<Job> inOrder) {
    int looked = 0;
    for (Job job : inOrder) {
      if (claims.size() >= slots) {
        if (blockedJob == null) {
          block(job, new Blockage(List.of(slotReason())));
        }
        return;
      }
      if (blockedJob != null && (++looked > LOOKAHEAD || freeGpus == 0)) {
        if (freeGpus == 0) {
          noGpuLeft = true;
        }
        return; // nothing after the blocked job can start: the plan gives the rest their reasons
      }
      WaitingReason held = gate.check(job);
      if (held != null) {
        flowWaits.put(job.id(), held);
        reasons.put(job.id(), List.of(held));
        continue;
      }
      WaitingReason limit = rules.limits().any() ? tally.check(job) : null;
      if (limit != null) {
        overLimit.put(job.id(), limit);
        overLimitJobs.put(job.id(), job);
        reasons.put(job.id(), List.of(limit));
        continue;
      }
      if (!tryStart(job, true) && !rules.easyBackfill()) {
        return;
      }
    }
  }

  /**
   * The second sweep, for jobs passed over by a limit: with {@code enforceOnlyWhenOthersWait}, once
   * every other job that could start has, they may use what is left, in order and still without
   * delaying a reservation.
   */
  void decideOverLimit() {
    if (overLimit.isEmpty() || !rules.limits().onlyWhenOthersWait()) {
      return;
    }
    for (Job job : List.copyOf(overLimitJobs.values())) {
      if (claims.size() >= slots) {
        return;
      }
      WaitingReason limit = overLimit.remove(job.id());
      reasons.remove(job.id());
      WaitingReason held = gate.check(job); // a claim of this pass may have filled its array
      if (held != null || !tryStart(job, false)) {
        // The limit is the reason its owner can act on; what else holds it back shows once it is lifted.
        reasons.put(job.id(), List.of(limit));
        overLimit.put(job.id(), limit);
      }
    }
  }

  private boolean tryStart(Job job, boolean mayHeadTheQueue) {
    if (blockedJob != null && job.gpus() > freeGpus) {
      // Past the head, cheaper than asking every GPU, and the answer is the same: not enough of them are free.
      reject(job, new Blockage(List.of(WaitingReason.of(ReasonCode.RESOURCES, "needs " + job.gpus() + " GPU(s); "
          + freeGpus + " free and unreserved"))), mayHeadTheQueue);
      return false;
    }
    // Only the job that heads the queue's wait gets every per-GPU sentence; the ones behind it, a summary.
    PlacementDecision decision;
    if (blockedJob == null && mayHeadTheQueue) {
      decision = PlacementFinder.place(job, snapshot, verdicts, reserved);
    } else if (job.gpus() >= fewestUnplaceable) {
      decision = PlacementFinder.notPlacedBriefly(job, snapshot);
    } else {
      decision = PlacementFinder.placeBriefly(job, snapshot, verdicts, reserved);
    }
    if (!decision.placed()) {
      // A pass only adds reservations, so no node that lacked this many GPUs gets more of them.
      fewestUnplaceable = Math.min(fewestUnplaceable, job.gpus());
      reject(job, decision.blockage(), mayHeadTheQueue);
      return false;
    }
    if (reservation != null) {
      WaitingReason delay = reservation.delays(job, decision.placement(), now, slots());
      if (delay != null) {
        reasons.put(job.id(), List.of(delay));
        return false;
      }
    }
    claims.add(new Claim(job.id(), decision.placement()));
    claimedJobs.add(new Job(job.id(), job.name(), job.user(), job.template(), job.parameters(), job.gpus(),
        job.priority(), job.state(), job.submittedAt(), now, null, null, decision.placement(), null, null, null,
        job.timeLimitSeconds(), job.notifyEvents(), job.flow()));
    reserved.reserve(job.id(), decision.placement());
    freeGpus -= decision.placement().gpus().size();
    tally.add(job);
    gate.add(job);
    if (timeline != null) {
      Instant end = JobEnds.from(job, now);
      timeline.occupy(decision.placement(), end, job.id());
      slotTimeline.hold(end);
    }
    return true;
  }

  private void reject(Job job, Blockage why, boolean mayHeadTheQueue) {
    if (blockedJob == null && mayHeadTheQueue) {
      block(job, why);
      if (rules.easyBackfill()) {
        reserveFor(job);
      }
    } else {
      reasons.put(job.id(), why.reasons());
    }
  }

  private void block(Job job, Blockage why) {
    blockedJob = job;
    blockage = why;
    reasons.put(job.id(), why.reasons());
  }

  private void reserveFor(Job job) {
    timeline();
    GpuTimeline.Fit fit = timeline.earliest(job.gpus(), now);
    Instant slot = fit == null ? null : slotTimeline.earliest(fit.at());
    while (fit != null && slot != null && slot.isAfter(fit.at())) {
      fit = timeline.earliest(job.gpus(), slot);
      slot = fit == null ? null : slotTimeline.earliest(fit.at());
    }
    if (fit != null && slot != null) {
      reservation = new Reservation(job, fit);
    }
    // Without a known start nothing can be proven not to delay it: later jobs may still start on
    // what it cannot use, which PlacementFinder and the reserved GPUs already decide.
  }

  private SlotTimeline slots() {
    timeline();
    return slotTimeline;
  }

  private void timeline() {
    if (timeline != null) {
      return;
    }
    List<Job> holding = new ArrayList<>(active);
    holding.addAll(claimedJobs);
    timeline = new GpuTimeline(snapshot, verdicts, holding, now, j -> JobEnds.of(j, now));
    slotTimeline = new SlotTimeline(rules.maxRunningJobs());
    holding.forEach(j -> slotTimeline.hold(JobEnds.of(j, now)));
  }

  private WaitingReason slotReason() {
    int max = rules.maxRunningJobs();
    return WaitingReason.of(ReasonCode.SLOT, "waiting for a free run slot: " + max + " of " + max
        + " in use (scheduler.maxRunningJobs = " + max + ")");
  }

  List<Claim> claims() {
    return claims;
  }

  /** The claimed jobs as they will be once claimed, for the plan: they hold their GPUs from now. */
  List<Job> claimedJobs() {
    return claimedJobs;
  }

  Map<String, List<WaitingReason>> reasons() {
    return reasons;
  }

  Map<String, WaitingReason> overLimit() {
    return overLimit;
  }

  /** Jobs passed over for a dependency or their array's cap, with why. */
  Map<String, WaitingReason> flowWaits() {
    return flowWaits;
  }

  /** This pass's gate: what the queue's order skips by. */
  FlowGate gate() {
    return gate;
  }

  /** Jobs whose dependencies can never be met. */
  List<FlowGate.Never> neverStart() {
    return gate.never();
  }

  Job blockedJob() {
    return blockedJob;
  }

  Blockage blockage() {
    return blockage;
  }

  Reservation reservation() {
    return reservation;
  }

  /** Whether the pass stopped looking because every GPU was held or reserved. */
  boolean noGpuLeft() {
    return noGpuLeft;
  }
}
