package dev.berth.core.scheduler;

import dev.berth.api.Job;
import dev.berth.api.JobScore;
import dev.berth.api.NodeVerdict;
import dev.berth.api.ResourceSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The queue as the last pass left it: the first {@link #DEPTH} queued jobs in order, why each
 * waits, and when each should start. The start estimates come from the same timeline backfill
 * reserves on ({@link GpuTimeline}, {@link SlotTimeline}): every job ahead is assumed to run to its
 * time limit. Strict order plans each job no earlier than the one before it; easy backfill plans
 * each at the earliest instant its GPUs are free.
 *
 * <p>A pass only gathers what the plan needs; the estimates are computed on the first read and
 * kept, so a busy scheduler pays nothing for plans nobody reads. Immutable once published; safe
 * from any thread.
 */
public final class QueuePlan {
  /** How many queued jobs get a planned start; the rest wait behind them. */
  public static final int DEPTH = 1000;
  public static final QueuePlan NONE = new QueuePlan(null, List::of, Map.of(), Map.of(), null, Map::of, List.of(),
      0, false, false);

  /** A queued job in order, with its score under an order that scores. */
  record Entry(Job job, JobScore score) {}

  private final Instant at;
  private final Supplier<List<Entry>> inOrder;
  private final Map<String, List<WaitingReason>> reasons;
  private final Map<String, WaitingReason> overLimit;
  private final ResourceSnapshot snapshot;
  private final Supplier<Map<String, NodeVerdict>> verdicts;
  private final List<Job> holding;
  private final int maxRunningJobs;
  private final boolean easyBackfill;
  private final boolean noGpuLeft;
  private List<PlannedJob> planned;

  QueuePlan(Instant at, Supplier<List<Entry>> inOrder, Map<String, List<WaitingReason>> reasons,
      Map<String, WaitingReason> overLimit, ResourceSnapshot snapshot, Supplier<Map<String, NodeVerdict>> verdicts,
      List<Job> holding, int maxRunningJobs, boolean easyBackfill, boolean noGpuLeft) {
    this.at = at;
    this.inOrder = inOrder;
    this.reasons = Map.copyOf(reasons);
    this.overLimit = Map.copyOf(overLimit);
    this.snapshot = snapshot;
    this.verdicts = verdicts;
    this.holding = List.copyOf(holding);
    this.maxRunningJobs = maxRunningJobs;
    this.easyBackfill = easyBackfill;
    this.noGpuLeft = noGpuLeft;
  }

  /** When the pass that made this plan ran; null before the first. */
  public Instant at() {
    return at;
  }

  /** The first {@link #DEPTH} queued jobs in order, each with its reasons and planned start. */
  public synchronized List<PlannedJob> jobs() {
    if (planned == null) {
      planned = at == null ? List.of() : Collections.unmodifiableList(plan());
    }
    return planned;
  }

  private List<PlannedJob> plan() {
    GpuTimeline timeline = new GpuTimeline(snapshot, verdicts.get(), holding, at, j -> JobEnds.of(j, at));
    SlotTimeline slots = new SlotTimeline(maxRunningJobs);
    holding.forEach(j -> slots.hold(JobEnds.of(j, at)));
    List<PlannedJob> out = new ArrayList<>();
    Instant floor = at;
    String chainBroken = null;
    long position = 0;
    for (Entry e : inOrder.get()) {
      if (position >= DEPTH) {
        break;
      }
      position++;
      Job job = e.job();
      List<WaitingReason> why = reasons.get(job.id());
      if (why == null) {
        WaitingReason ahead = position == 1
            ? WaitingReason.of(ReasonCode.PRIORITY, "next in line")
            : WaitingReason.of(ReasonCode.PRIORITY, (position - 1) + (position == 2 ? " job" : " jobs") + " ahead start first");
        why = noGpuLeft && job.gpus() > 0
            ? List.of(ahead, WaitingReason.of(ReasonCode.RESOURCES, "every GPU is held by a job or reserved"))
            : List.of(ahead);
      }
      Instant start = null;
      String note;
      WaitingReason limit = overLimit.get(job.id());
      if (limit != null && limit.code() != ReasonCode.QUOTA_USER) {
        note = "no estimate while it " + (limit.code() == ReasonCode.DEPENDENCY ? "waits for a dependency"
            : "waits for room in its array") + ": " + limit.message();
      } else if (limit != null) {
        note = "over a per-user limit: it starts when the owner's jobs leave room (" + limit.message() + ")";
      } else if (chainBroken != null) {
        note = "a job ahead has no start estimate: " + chainBroken;
      } else {
        GpuTimeline.Fit fit = timeline.earliest(job.gpus(), floor);
        Instant slot = fit == null ? null : slots.earliest(fit.at());
        while (fit != null && slot != null && slot.isAfter(fit.at())) {
          fit = timeline.earliest(job.gpus(), slot);
          slot = fit == null ? null : slots.earliest(fit.at());
        }
        if (fit == null) {
          note = timeline.whyUnknown(job.gpus());
        } else if (slot == null) {
          note = "every run slot is held by a job without a time limit";
        } else {
          start = fit.at();
          note = null;
          Instant end = JobEnds.from(job, start);
          timeline.occupy(fit.placement(), end, job.id());
          slots.hold(end);
        }
        if (start == null && !easyBackfill) {
          chainBroken = note;
        } else if (start != null && !easyBackfill) {
          floor = start;
        }
      }
      out.add(new PlannedJob(job, position, why, start, note, e.score()));
    }
    return out;
  }
}
