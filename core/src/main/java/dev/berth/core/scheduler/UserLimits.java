package dev.berth.core.scheduler;

import dev.berth.api.Job;
import java.util.HashMap;
import java.util.Map;

/**
 * The per-user limits of {@code limits}: how many jobs and GPUs one user's scheduled and running
 * jobs may hold. 0 means no limit.
 *
 * @param onlyWhenOthersWait a user may go over while no other user has a job that could start
 */
public record UserLimits(int maxRunningJobs, int maxGpus, boolean onlyWhenOthersWait) {
  public static final UserLimits NONE = new UserLimits(0, 0, true);

  public boolean any() {
    return maxRunningJobs > 0 || maxGpus > 0;
  }

  /** What each user holds during one pass: the active jobs, then the pass's own claims. */
  public final class Tally {
    private final Map<String, int[]> held = new HashMap<>();

    Tally(Iterable<Job> active) {
      active.forEach(this::add);
    }

    void add(Job job) {
      int[] h = held.computeIfAbsent(job.user() == null ? "" : job.user(), u -> new int[2]);
      h[0]++;
      h[1] += job.gpus();
    }

    /** Why {@code job} may not start under the limits, or null when it may. */
    WaitingReason check(Job job) {
      int[] h = held.getOrDefault(job.user() == null ? "" : job.user(), new int[2]);
      if (maxRunningJobs > 0 && h[0] + 1 > maxRunningJobs) {
        return WaitingReason.of(ReasonCode.QUOTA_USER, job.user() + " has " + h[0] + " of " + maxRunningJobs
            + " running jobs allowed (limits.maxRunningJobsPerUser)");
      }
      if (maxGpus > 0 && h[1] + job.gpus() > maxGpus) {
        return WaitingReason.of(ReasonCode.QUOTA_USER, job.user() + " holds " + h[1] + " of " + maxGpus
            + " GPUs allowed and the job needs " + job.gpus() + " more (limits.maxGpusPerUser)");
      }
      return null;
    }
  }

  public Tally tally(Iterable<Job> active) {
    return new Tally(active);
  }
}
