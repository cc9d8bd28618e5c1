package dev.berth.core.scheduler;

import dev.berth.api.GpuResources;
import dev.berth.api.GpuVerdict;
import dev.berth.api.Job;
import dev.berth.api.NodeResources;
import dev.berth.api.NodeVerdict;
import dev.berth.api.Placement;
import dev.berth.api.ResourceSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * When each GPU will be free, as far as Berth can know: now for an eligible GPU nobody holds; the
 * end of the job holding it by that job's time limit; never (unknown) for a GPU that is busy with
 * something Berth did not start, or held by a job without a time limit. Backfill reserves from it
 * and the start estimates are planned on it, so both tell the same story.
 *
 * <p>A plan changes it: {@link #occupy} marks GPUs as taken until a planned job's end. Used by one
 * thread.
 */
final class GpuTimeline {
  /** One GPU: free from {@code freeAt} on, or never when null, for {@code why}. */
  private static final class Gpu {
    final int index;
    Instant freeAt;
    String why;

    Gpu(int index, Instant freeAt, String why) {
      this.index = index;
      this.freeAt = freeAt;
      this.why = why;
    }
  }

  /** Where and when a job could start: {@code gpus} of {@code node}, all free from {@code at}. */
  record Fit(String node, List<Integer> gpus, Instant at) {
    Placement placement() {
      return new Placement(node, gpus);
    }
  }

  private final Map<String, List<Gpu>> nodes = new LinkedHashMap<>();
  private final Map<String, Boolean> hostOk = new HashMap<>();
  private final boolean prefix;

  /**
   * @param holding the jobs that hold GPUs now (active ones and a pass's claims)
   * @param endOf when a holding job will have ended, or null when nobody can tell
   */
  GpuTimeline(ResourceSnapshot snapshot, Map<String, NodeVerdict> verdicts, Collection<Job> holding, Instant now,
      java.util.function.Function<Job, Instant> endOf) {
    List<NodeResources> list = snapshot == null ? List.of() : snapshot.nodes();
    prefix = list.size() > 1;
    for (NodeResources node : list) {
      NodeVerdict verdict = verdicts.get(node.name());
      hostOk.put(node.name(), verdict != null && verdict.hostEligible());
      boolean inOrder = verdict != null && GpuVerdicts.numberedInOrder(verdict);
      List<Gpu> gpus = new ArrayList<>(node.gpus().size());
      String p = prefix ? node.name() + ": " : "";
      for (GpuResources g : node.gpus()) {
        GpuVerdict v = verdict == null ? null : GpuVerdicts.find(verdict, g.index(), inOrder);
        if (verdict != null && verdict.hostEligible() && v != null && v.eligible()) {
          gpus.add(new Gpu(g.index(), now, null));
        } else {
          String detail = v != null && !v.reasons().isEmpty() ? v.reasons().get(0)
              : verdict != null && !verdict.hostReasons().isEmpty() ? verdict.hostReasons().get(0) : "no verdict";
          gpus.add(new Gpu(g.index(), null, p + "GPU " + g.index() + " is busy outside Berth (" + detail + ")"));
        }
      }
      if (!byIndexOrder(gpus)) {
        gpus.sort(Comparator.comparingInt(g -> g.index)); // stable: a repeated index keeps the probe's order
      }
      nodes.put(node.name(), gpus);
    }
    // Held GPUs are free at their holder's end, whatever the probe and the policies say of them now;
    // where two jobs name one GPU, the later one counts.
    for (Job job : holding) {
      Placement at = job.placement();
      List<Gpu> gpus = at == null ? null : nodes.get(at.node());
      if (gpus == null) {
        continue;
      }
      Instant end = endOf.apply(job); // once per job, not per GPU it holds
      String p = prefix ? at.node() + ": " : "";
      for (int index : at.gpus()) {
        // GPUs sorted by index and numbered 0, 1, 2...: the index is the place; a repeated index is looked for.
        boolean positional = index >= 0 && index < gpus.size() && gpus.get(index).index == index
            && (index == 0 || gpus.get(index - 1).index != index)
            && (index + 1 == gpus.size() || gpus.get(index + 1).index != index);
        if (positional) {
          hold(gpus.get(index), end, p, job);
        } else {
          for (Gpu g : gpus) {
            if (g.index == index) {
              hold(g, end, p, job);
            }
          }
        }
      }
    }
  }

  private static boolean byIndexOrder(List<Gpu> gpus) {
    for (int i = 1; i < gpus.size(); i++) {
      if (gpus.get(i - 1).index > gpus.get(i).index) {
        return false;
      }
    }
    return true;
  }

  private static void hold(Gpu g, Instant end, String prefix, Job job) {
    g.freeAt = end;
    g.why = end == null ? prefix + "GPU " + g.index + " is held by job " + job.id() + ", which has no time limit" : null;
  }

  /**
   * The earliest instant not before {@code notBefore} at which {@code count} GPUs of one node are all
   * free, with those GPUs; null when no node can ever give them. Among nodes free at the same
   * instant it takes the first in the snapshot's order, and on a node the lowest-numbered GPUs free
   * by then. Both choices ignore what is free before that instant, so a job started around a
   * reservation (one that ends before it, or keeps off its GPUs) never moves it: the next pass
   * reserves the same GPUs, and passes repeated without a change decide the same.
   */
  Fit earliest(int count, Instant notBefore) {
    Fit best = null;
    for (Map.Entry<String, List<Gpu>> e : nodes.entrySet()) {
      if (count == 0) {
        if (Boolean.TRUE.equals(hostOk.get(e.getKey()))) {
          return new Fit(e.getKey(), List.of(), notBefore);
        }
        continue;
      }
      List<Instant> known = new ArrayList<>();
      for (Gpu g : e.getValue()) {
        if (g.freeAt != null) {
          known.add(g.freeAt);
        }
      }
      if (known.size() < count) {
        continue;
      }
      known.sort(Comparator.naturalOrder());
      Instant at = known.get(count - 1);
      if (at.isBefore(notBefore)) {
        at = notBefore;
      }
      if (best == null || at.isBefore(best.at)) {
        List<Integer> chosen = new ArrayList<>(count);
        for (Gpu g : e.getValue()) { // sorted by index
          if (chosen.size() < count && g.freeAt != null && !g.freeAt.isAfter(at)) {
            chosen.add(g.index);
          }
        }
        best = new Fit(e.getKey(), chosen, at);
      }
    }
    return best;
  }

  /** Why {@link #earliest} found nothing for {@code count} GPUs: the first GPU with no known end. */
  String whyUnknown(int count) {
    int most = 0;
    for (List<Gpu> gpus : nodes.values()) {
      most = Math.max(most, gpus.size());
      for (Gpu g : gpus) {
        if (g.freeAt == null) {
          return g.why;
        }
      }
    }
    if (nodes.isEmpty()) {
      return "no node reported by the probe";
    }
    return count > most ? "no node has " + count + " GPUs" : "no node can give " + count + " GPUs";
  }

  /** Marks {@code placement}'s GPUs as taken until {@code until} (never free again when null). */
  void occupy(Placement placement, Instant until, String jobId) {
    List<Gpu> gpus = nodes.get(placement.node());
    if (gpus == null) {
      return;
    }
    for (Gpu g : gpus) {
      if (placement.gpus().contains(g.index)) {
        g.freeAt = until;
        g.why = until == null ? (prefix ? placement.node() + ": " : "") + "GPU " + g.index
            + " is planned for job " + jobId + ", which has no time limit" : null;
      }
    }
  }
}
