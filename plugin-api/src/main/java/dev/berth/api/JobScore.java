package dev.berth.api;

import java.util.List;

/**
 * A queued job's score under an order that scores ({@link QueueOrder#score}): higher starts first.
 *
 * @param total the sum of the factors' points
 * @param factors each term, for users to see why a job ranks where it does
 */
public record JobScore(double total, List<ScoreFactor> factors) {
  public JobScore {
    factors = List.copyOf(factors);
  }

  /** A score that is the sum of its factors. */
  public static JobScore of(List<ScoreFactor> factors) {
    double total = 0;
    for (ScoreFactor f : factors) {
      total += f.points();
    }
    return new JobScore(total, factors);
  }
}
