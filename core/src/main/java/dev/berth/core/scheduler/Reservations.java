package dev.berth.core.scheduler;

import dev.berth.api.Job;
import dev.berth.api.Placement;
import java.util.HashMap;
import java.util.Map;

/**
 * Which GPUs scheduled and running jobs hold. The probe lags (a job just started has not allocated
 * its memory yet), so reservations, not readings, decide what is taken.
 */
public final class Reservations {
  private final Map<String, Map<Integer, String>> byNode = new HashMap<>();

  public static Reservations of(Iterable<Job> activeJobs) {
    Reservations r = new Reservations();
    for (Job job : activeJobs) {
      if (job.placement() != null) {
        r.reserve(job.id(), job.placement());
      }
    }
    return r;
  }

  public void reserve(String jobId, Placement placement) {
    Map<Integer, String> gpus = byNode.computeIfAbsent(placement.node(), n -> new HashMap<>());
    placement.gpus().forEach(g -> gpus.put(g, jobId));
  }

  /** The job holding the GPU, or null when it is free. */
  public String holder(String node, int gpu) {
    Map<Integer, String> gpus = byNode.get(node);
    return gpus == null ? null : gpus.get(gpu);
  }
}
