package dev.berth.core.scheduler;

import dev.berth.api.Job;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What holds a queued job back apart from resources, for one pass: a dependency not met yet, or
 * its array at its cap. Such a job is passed over, not waited for: it holds no reservation and does
 * not block the jobs behind it. A job whose dependency can never be met is noted, for the scheduler
 * to cancel.
 */
final class FlowGate {
  private final DependencyStates dependencies;
  private final Map<String, Integer> activeInArray = new HashMap<>();
  private final Map<String, Integer> caps = new HashMap<>();
  private final List<Never> never = new ArrayList<>();

  /** A job that can never start, and why. */
  record Never(Job job, String message) {}

  FlowGate(DependencyStates dependencies, Iterable<Job> active) {
    this.dependencies = dependencies;
    active.forEach(this::add);
  }

  /** Why {@code job} may not start now, or null when nothing but resources decides. */
  WaitingReason check(Job job) {
    DependencyStates.Verdict verdict = dependencies.of(job);
    if (verdict instanceof DependencyStates.Never n) {
      never.add(new Never(job, n.message()));
      return WaitingReason.of(ReasonCode.DEPENDENCY, n.message() + "; it is being cancelled");
    }
    if (verdict instanceof DependencyStates.Waiting w) {
      return w.reason();
    }
    Integer cap = job.flow().arrayMaxRunning();
    String array = job.flow().arrayId();
    if (cap != null && array != null) {
      caps.put(array, cap);
      int running = activeInArray.getOrDefault(array, 0);
      if (running >= cap) {
        return WaitingReason.of(ReasonCode.ARRAY_LIMIT, "array " + array + " has " + running + " of " + cap
            + " jobs running, the most it allows at once (%" + cap + ")");
      }
    }
    return null;
  }

  /** Whether an array seen this pass already runs as many as its cap: the rest of it can be skipped. */
  boolean arrayFull(String arrayId) {
    Integer cap = caps.get(arrayId);
    return cap != null && activeInArray.getOrDefault(arrayId, 0) >= cap;
  }

  /** A job that holds, or now takes, a place in its array's count. */
  void add(Job job) {
    if (job.flow().arrayId() != null) {
      activeInArray.merge(job.flow().arrayId(), 1, Integer::sum);
    }
  }

  /** The jobs found unable to ever start. */
  List<Never> never() {
    return never;
  }

  /** Whether any of {@code jobs} may be held back by more than resources: a fast read must look further. */
  static boolean anyGated(List<Job> jobs) {
    for (Job j : jobs) {
      if (!j.flow().dependsOn().isEmpty() || j.flow().arrayMaxRunning() != null) {
        return true;
      }
    }
    return false;
  }
}
