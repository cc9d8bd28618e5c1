package dev.berth.core.scheduler;

import dev.berth.api.Job;
import dev.berth.api.Placement;
import java.util.Arrays;
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
  /**
   * Per node, the holder of each GPU by index. An array, not a map: a pass asks {@link #holder} for
   * every GPU of every node it tries, and two map lookups with a boxed index were most of that.
   */
  private final Map<String, String[]> byNode = new HashMap<>();
  /** GPUs whose index is too large (or negative) for an array; real devices never have one. */
  private final Map<String, Map<Integer, String>> outliers = new HashMap<>();
  private final Reservations under;
  private static final int LARGEST_ARRAY_INDEX = 4095;

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
    String node = placement.node();
    for (int g : placement.gpus()) {
      if (g < 0 || g > LARGEST_ARRAY_INDEX) {
        outliers.computeIfAbsent(node, n -> new HashMap<>()).put(g, jobId);
        continue;
      }
      String[] gpus = byNode.get(node);
      if (gpus == null || gpus.length <= g) {
        gpus = gpus == null ? new String[Math.max(8, g + 1)] : Arrays.copyOf(gpus, Math.max(gpus.length * 2, g + 1));
        byNode.put(node, gpus);
      }
      gpus[g] = jobId;
    }
  }

  /** Frees what {@code jobId} held under {@code placement}; GPUs held by others stay. */
  public void release(String jobId, Placement placement) {
    String[] gpus = byNode.get(placement.node());
    Map<Integer, String> others = outliers.get(placement.node());
    for (int g : placement.gpus()) {
      if (g >= 0 && g < (gpus == null ? 0 : gpus.length)) {
        if (jobId.equals(gpus[g])) {
          gpus[g] = null;
        }
      } else if (others != null) {
        others.remove(g, jobId);
      }
    }
  }

  /** The job holding the GPU, or null when it is free. */
  public String holder(String node, int gpu) {
    // A pass asks this for every GPU of every node it tries, mostly of a layer that holds nothing yet.
    if (!byNode.isEmpty()) {
      String[] gpus = byNode.get(node);
      String holder = gpus == null || gpu < 0 || gpu >= gpus.length ? null : gpus[gpu];
      if (holder != null) {
        return holder;
      }
    }
    if (!outliers.isEmpty()) {
      Map<Integer, String> others = outliers.get(node);
      String holder = others == null ? null : others.get(gpu);
      if (holder != null) {
        return holder;
      }
    }
    return under == null ? null : under.holder(node, gpu);
  }
}
