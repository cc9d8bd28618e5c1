package dev.berth.core.scheduler;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * When a run slot ({@code scheduler.maxRunningJobs}) will be free: each active or planned job
 * holds one until its end, or for good when its end is unknown. Ends are kept sorted, so a plan of
 * a thousand jobs asks in logarithmic time. Used by one thread.
 */
final class SlotTimeline {
  private final int max;
  private final List<Instant> ends = new ArrayList<>();
  private int endless;

  SlotTimeline(int max) {
    this.max = max;
  }

  /** A job holding a slot until {@code end} (null: nobody knows). */
  void hold(Instant end) {
    if (end == null) {
      endless++;
      return;
    }
    int i = Collections.binarySearch(ends, end);
    ends.add(i < 0 ? -i - 1 : i, end);
  }

  /** Undoes one {@link #hold} of {@code end}. */
  void release(Instant end) {
    if (end == null) {
      endless--;
      return;
    }
    int i = Collections.binarySearch(ends, end);
    if (i >= 0) {
      ends.remove(i);
    }
  }

  /**
   * The earliest instant not before {@code notBefore} with a free slot; null when every slot is held
   * for good by jobs without a known end.
   */
  Instant earliest(Instant notBefore) {
    int endedBy = upperBound(notBefore);
    int busy = endless + ends.size() - endedBy;
    if (busy < max) {
      return notBefore;
    }
    int i = endedBy + (busy - max);
    return i < ends.size() ? ends.get(i) : null;
  }

  private int upperBound(Instant t) {
    int lo = 0;
    int hi = ends.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (ends.get(mid).isAfter(t)) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }
}
