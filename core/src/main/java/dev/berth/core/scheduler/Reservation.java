package dev.berth.core.scheduler;

import dev.berth.api.Job;
import dev.berth.api.Placement;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;

/**
 * Easy backfill's single reservation: the first job in order that cannot start will get these GPUs
 * of this node at {@code fit.at()}. A later job may start now only if it cannot delay that: it ends
 * by its time limit before the reservation begins, or it keeps off the reserved GPUs and leaves a
 * run slot for the reserved job.
 */
record Reservation(Job job, GpuTimeline.Fit fit) {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_INSTANT.withZone(ZoneOffset.UTC);

  /** Why {@code candidate}, placed at {@code placement} now, would delay the reserved job; null if it would not. */
  WaitingReason delays(Job candidate, Placement placement, Instant now, SlotTimeline slots) {
    Instant end = JobEnds.from(candidate, now);
    if (end != null && !end.isAfter(fit.at())) {
      return null;
    }
    boolean overlaps = placement.node().equals(fit.node())
        && placement.gpus().stream().anyMatch(fit.gpus()::contains);
    if (!overlaps && slotLeftFor(slots, end)) {
      return null;
    }
    String until = end == null ? "it has no time limit" : "its time limit ends at " + TIME.format(end);
    return WaitingReason.of(ReasonCode.RESERVED, "backfill holds " + describe() + " for job " + job.id()
        + " from " + TIME.format(fit.at()) + "; " + until);
  }

  private boolean slotLeftFor(SlotTimeline slots, Instant candidateEnd) {
    // With the candidate holding a slot past the reservation, one must still be free for the job.
    slots.hold(candidateEnd);
    try {
      Instant free = slots.earliest(fit.at());
      return free != null && free.equals(fit.at());
    } finally {
      slots.release(candidateEnd);
    }
  }

  String describe() {
    return (fit.gpus().size() == 1 ? "GPU " : "GPUs ") + join() + (fit.node().isEmpty() ? "" : " of " + fit.node());
  }

  private String join() {
    StringBuilder b = new StringBuilder();
    for (int g : fit.gpus()) {
      b.append(b.length() == 0 ? "" : ", ").append(g);
    }
    return b.toString();
  }
}
