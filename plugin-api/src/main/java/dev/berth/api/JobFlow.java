package dev.berth.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a job relates to other jobs and to its own earlier runs: what it waits for, the array it
 * belongs to, and its retries. Fixed at submission, except {@link #attempt}, which the store
 * raises when a failed run is queued again.
 *
 * @param dependsOn jobs that must end (as each says) before this one may start; empty for none
 * @param arrayId the id of the array's first job, shared by every job of the array; null when the
 *     job is in none. A store gives it when it queues the array ({@link QueueStore#enqueueAll}), so a
 *     submission leaves it null.
 * @param arrayIndex the job's index in its array ({@code BERTH_ARRAY_INDEX}); null outside an array
 * @param arrayMaxRunning at most this many jobs of the array are SCHEDULED or RUNNING at once, which
 *     every store's claim enforces; null for no cap
 * @param maxRetries how many times a run that ends FAILED is queued again, 0 to 10
 * @param attempt which run this is, from 1
 */
public record JobFlow(
    List<Dependency> dependsOn,
    String arrayId,
    Integer arrayIndex,
    Integer arrayMaxRunning,
    int maxRetries,
    int attempt) {

  /** A job on its own: no dependencies, no array, no retries, first attempt. */
  public static final JobFlow NONE = new JobFlow(List.of(), null, null, null, 0, 1);

  public JobFlow {
    dependsOn = List.copyOf(Objects.requireNonNullElse(dependsOn, List.of()));
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must not be negative, was " + maxRetries);
    }
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt counts from 1, was " + attempt);
    }
    if (arrayMaxRunning != null && arrayMaxRunning < 1) {
      throw new IllegalArgumentException("arrayMaxRunning must be at least 1, was " + arrayMaxRunning);
    }
  }

  /** Whether the job is an element of an array (queued, its arrayId given, or not yet). */
  public boolean inArray() {
    return arrayIndex != null;
  }

  /** Whether a run that ended FAILED on this attempt is queued again. */
  public boolean retriesLeft() {
    return attempt <= maxRetries;
  }

  public JobFlow withArrayId(String id) {
    return new JobFlow(dependsOn, id, arrayIndex, arrayMaxRunning, maxRetries, attempt);
  }

  public JobFlow withArray(Integer index, Integer maxRunning) {
    return new JobFlow(dependsOn, arrayId, index, maxRunning, maxRetries, attempt);
  }

  public JobFlow withAttempt(int n) {
    return new JobFlow(dependsOn, arrayId, arrayIndex, arrayMaxRunning, maxRetries, n);
  }

  /** {@code 12:succeeded,13:ended}, or null for none: how stores keep {@link #dependsOn}. */
  public String encodedDependencies() {
    if (dependsOn.isEmpty()) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    for (Dependency d : dependsOn) {
      out.append(out.length() == 0 ? "" : ",").append(d.encoded());
    }
    return out.toString();
  }

  /** The dependencies of {@link #encodedDependencies()}; entries that do not decode are dropped. */
  public static List<Dependency> decodeDependencies(String text) {
    List<Dependency> out = new ArrayList<>();
    if (text == null || text.isEmpty()) {
      return out;
    }
    for (String part : text.split(",")) {
      Dependency d = Dependency.decode(part);
      if (d != null) {
        out.add(d);
      }
    }
    return out;
  }
}
