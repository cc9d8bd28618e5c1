package dev.berth.order.multifactor;

import dev.berth.api.FairShareSnapshot;
import dev.berth.api.Job;
import dev.berth.api.JobScore;
import dev.berth.api.OrderContext;
import dev.berth.api.PluginContext;
import dev.berth.api.QueueOrder;
import dev.berth.api.ScoreFactor;
import dev.berth.api.Settings;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * Slurm-style multifactor priority with fair share:
 * {@code score = weightFairshare·F + weightAge·A + weightPriority·P}, where F = 2^(−U/S) is the
 * owner's fair-share factor (see {@link FairShareSnapshot}), A = min(wait ÷ maxAgeHours, 1) and
 * P = (priority + 1000) ÷ 2000. Higher scores start first; ties go to the earlier submission.
 *
 * <p>Weights and the maximum age come from the core's {@code fairshare} settings section, handed
 * over in the {@link OrderContext} with the usage; the plugin keeps no state of its own.
 */
@Extension
public final class MultifactorOrder implements QueueOrder {
  static final String WEIGHT_FAIRSHARE = "weightFairshare";
  static final String WEIGHT_AGE = "weightAge";
  static final String WEIGHT_PRIORITY = "weightPriority";
  static final String MAX_AGE_HOURS = "maxAgeHours";
  /** The defaults of the {@code fairshare} section, for a context that carries none. */
  private static final Map<String, String> DEFAULTS = Map.of(
      WEIGHT_FAIRSHARE, "10000", WEIGHT_AGE, "1000", WEIGHT_PRIORITY, "2000", MAX_AGE_HOURS, "168");

  private final Clock clock;
  /** The last section's numbers: parsed once per settings version, not once per job scored. */
  private volatile Weights weights = new Weights(null, 0, 0, 0, 0);

  private record Weights(Settings from, double fairshare, double age, double priority, double maxAgeMillis) {
    static Weights of(Settings s) {
      return new Weights(s, value(s, WEIGHT_FAIRSHARE), value(s, WEIGHT_AGE), value(s, WEIGHT_PRIORITY),
          Math.max(1, value(s, MAX_AGE_HOURS) * 3_600_000d));
    }
  }

  public MultifactorOrder(PluginContext context) {
    this.clock = context.clock();
  }

  private Weights weights(Settings s) {
    Weights w = weights;
    if (w.from() != s) {
      w = Weights.of(s);
      weights = w;
    }
    return w;
  }

  @Override
  public boolean scoresJobs() {
    return true;
  }

  @Override
  public JobScore score(Job job, OrderContext context) {
    Weights w = weights(context.fairshareSettings());
    double waitMillis = Math.max(0, millisBetween(job.submittedAt(), context.now()));
    double age = Math.min(waitMillis / w.maxAgeMillis(), 1);
    double priority = (Math.max(-1000, Math.min(1000, job.priority())) + 1000) / 2000d;
    double fairShare = context.fairShare().factor(job.user() == null ? "" : job.user());
    return JobScore.of(List.of(
        new ScoreFactor("fairshare", fairShare, w.fairshare()),
        new ScoreFactor("age", age, w.age()),
        new ScoreFactor("priority", priority, w.priority())));
  }

  /**
   * {@code Duration.between(from, to).toMillis()} without the Duration: scored once per user on
   * every pass, where building it was 7 % of the scheduler's samples.
   */
  static long millisBetween(Instant from, Instant to) {
    long seconds = to.getEpochSecond() - from.getEpochSecond();
    long nanos = (long) to.getNano() - from.getNano();
    if (nanos < 0) {
      seconds--;
      nanos += 1_000_000_000L;
    }
    if (seconds < 0) {
      // As Duration.toMillis: a negative span is truncated towards zero.
      seconds++;
      nanos -= 1_000_000_000L;
    }
    return seconds * 1000 + nanos / 1_000_000;
  }

  @Override
  public List<Job> order(List<Job> queued, OrderContext context) {
    Map<String, Double> totals = new HashMap<>();
    for (Job job : queued) {
      totals.put(job.id(), score(job, context).total());
    }
    List<Job> ordered = new ArrayList<>(queued);
    ordered.sort(Comparator.comparingDouble((Job j) -> -totals.get(j.id())).thenComparingLong(Job::sequence));
    return List.copyOf(ordered);
  }

  /** Without the host's context: nobody has used anything, and the section's defaults hold. */
  @Override
  public List<Job> order(List<Job> queued) {
    return order(queued, new OrderContext(clock.instant(), FairShareSnapshot.empty(clock.instant()),
        new Settings("fairshare", 0, DEFAULTS)));
  }

  private static double value(Settings s, String key) {
    String v = s.values().get(key);
    return v != null ? Double.parseDouble(v) : Double.parseDouble(DEFAULTS.get(key));
  }
}
