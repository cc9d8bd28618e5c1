package dev.berth.core.scheduler;

import dev.berth.api.Job;
import dev.berth.api.Placement;
import java.util.HashMap;
import java.util.Map;

/**
 * Which GPUs scheduled and running jobs hold. The probe lags (a job just started has not allocated
 * its memory yet), so reservations, not readings, decide what is taken.
 *
 * <p>A pass reserves tentatively in a {@link #layer()} over the held reservations: what it reserves
 * is seen by its later placements and dropped with the layer, so the held set is never copied.
 */
public final class Reservations {
  private final Map<String, Map<Integer, String>> byNode = new HashMap<>();
  private final Reservations under;

  public Reservations() {
    this(null);
  }

  private Reservations(Reservations under) {
    this.under = under;
  }

  public static Reservations of(Iterable<Job> activeJobs) {
    Reservations r = new Reservations();
    for (Job job : activeJobs) {
      if (job.placement() != null) {
        r.reserve(job.id(), job.placement());
      }
    }
    return r;
  }

  /** A scratch layer: sees these reservations and adds its own without changing them. */
  public Reservations layer() {
    return new Reservations(this);
  }

  public void reserve(String jobId, Placement placement) {
    Map<Integer, String> gpus = byNode.computeIfAbsent(placement.node(), n -> new HashMap<>());
    placement.gpus().forEach(g -> gpus.put(g, jobId));
  }

  /** Frees what {@code jobId} held under {@code placement}; GPUs held by others stay. */
  public void release(String jobId, Placement placement) {
    Map<Integer, String> gpus = byNode.get(placement.node());
    if (gpus == null) {
      return;
    }
    placement.gpus().forEach(g -> gpus.remove(g, jobId));
    if (gpus.isEmpty()) {
      byNode.remove(placement.node());
    }
  }

  /** The job holding the GPU, or null when it is free. */
  public String holder(String node, int gpu) {
    // A pass asks this for every GPU of every node it tries, mostly of a layer that holds nothing yet.
    if (!byNode.isEmpty()) {
      Map<Integer, String> gpus = byNode.get(node);
      String holder = gpus == null ? null : gpus.get(gpu);
      if (holder != null) {
        return holder;
      }
    }
    return under == null ? null : under.holder(node, gpu);
  }
}
