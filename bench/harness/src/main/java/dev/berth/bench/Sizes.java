package dev.berth.bench;

import java.time.Duration;
import java.util.List;

/**
 * How big each benchmark is: the full run the issue asks for, or quick mode's small version that
 * only shows the benchmark works.
 */
public record Sizes(
    Duration submitWarmup,
    Duration submitMeasure,
    int redisBenchmarkRequests,
    Duration storeInProcess,
    int schedulingJobs,
    int dispatchJobs,
    long dispatchJobMillis,
    int localGapJobs,
    int trivialJobs,
    List<Integer> depths,
    int depthSubmits,
    int depthClaims,
    int probeSamples,
    Duration monitorWarmup,
    Duration monitorMeasure,
    int footprintStarts,
    Duration soak,
    double soakRate,
    int fairJobs,
    int fairUsers,
    int passSamples,
    int arrayElements,
    int arraySubmits) {

  public static Sizes full(int soakMinutes) {
    return new Sizes(Duration.ofSeconds(10), Duration.ofSeconds(20), 200_000, Duration.ofSeconds(5), 100_000, 300, 20,
        50, 1_000, List.of(0, 10_000, 100_000, 1_000_000), 2_000, 2_000, 100, Duration.ofSeconds(5),
        Duration.ofSeconds(15), 3, Duration.ofMinutes(Math.max(1, soakMinutes)), 50,
        100_000, 1_000, 1_000, 10_000, 10);
  }

  public static Sizes quick() {
    return new Sizes(Duration.ofSeconds(2), Duration.ofSeconds(4), 20_000, Duration.ofSeconds(2), 2_000, 30, 20, 3, 50,
        List.of(0, 2_000), 200, 200, 10, Duration.ofSeconds(1), Duration.ofSeconds(3), 1, Duration.ofSeconds(20), 20,
        2_000, 50, 50, 1_000, 2);
  }
}
