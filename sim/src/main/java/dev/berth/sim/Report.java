package dev.berth.sim;

import dev.berth.api.JobState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of one simulated configuration. Times are seconds. Job completion time (JCT) is end
 * minus submission; queueing delay is start minus submission; slowdown is JCT ÷ run time, averaged
 * per user, and Jain's index over those averages is 1 when every user is slowed down alike and 1/n
 * when one user takes all the delay. Utilisation is GPU-seconds held ÷ (GPUs × makespan). The
 * estimate error is the mean absolute difference between the start estimate right after the job's
 * submission and its actual start, over the jobs measured that got an estimate.
 */
public record Report(
    String config, int jobs, int finished, int neverStarted, int unschedulable, double meanJct, double p50Jct,
    double p95Jct, double p99Jct, double meanWait, double p95Wait, double maxWait, double makespan,
    double utilisation, double jain, int timedOut, int estimateEvery, int estimatesMeasured, int estimatesMissing,
    Double estimateMae, double wallSeconds, double jobsPerSecond) {

  public static Report of(SimResult r) {
    List<JobOutcome> ran = new ArrayList<>();
    for (JobOutcome j : r.jobs()) {
      if (j.startedAt() != null && j.finishedAt() != null) {
        ran.add(j);
      }
    }
    double[] jct = new double[ran.size()];
    double[] wait = new double[ran.size()];
    Map<String, double[]> slowdown = new HashMap<>(); // user -> {sum, count}
    Instant first = null;
    Instant last = null;
    double gpuSeconds = 0;
    int timedOut = 0;
    for (int i = 0; i < ran.size(); i++) {
      JobOutcome j = ran.get(i);
      double run = Math.max(1, seconds(j.startedAt(), j.finishedAt()));
      jct[i] = seconds(j.submittedAt(), j.finishedAt());
      wait[i] = seconds(j.submittedAt(), j.startedAt());
      double[] s = slowdown.computeIfAbsent(j.user(), u -> new double[2]);
      s[0] += Math.max(jct[i], run) / run;
      s[1]++;
      gpuSeconds += j.gpus() * seconds(j.startedAt(), j.finishedAt());
      if (j.state() == JobState.TIMED_OUT) {
        timedOut++;
      }
    }
    for (JobOutcome j : r.jobs()) {
      first = first == null || j.submittedAt().isBefore(first) ? j.submittedAt() : first;
      if (j.finishedAt() != null) {
        last = last == null || j.finishedAt().isAfter(last) ? j.finishedAt() : last;
      }
    }
    double makespan = first == null || last == null ? 0 : seconds(first, last);
    double sum = 0;
    double squares = 0;
    for (double[] s : slowdown.values()) {
      double mean = s[0] / s[1];
      sum += mean;
      squares += mean * mean;
    }
    double jain = slowdown.isEmpty() ? 1 : sum * sum / (slowdown.size() * squares);
    int measured = 0;
    int missing = 0;
    double error = 0;
    for (JobOutcome j : r.jobs()) {
      if (!j.estimateMeasured()) {
        continue;
      }
      if (j.estimatedStartAt() == null || j.startedAt() == null) {
        missing++;
      } else {
        measured++;
        error += Math.abs(seconds(j.estimatedStartAt(), j.startedAt()));
      }
    }
    Arrays.sort(jct);
    Arrays.sort(wait);
    double wall = r.wallNanos() / 1e9;
    return new Report(r.settings().name(), r.jobs().size() + r.unschedulable(), ran.size(),
        r.jobs().size() - ran.size(), r.unschedulable(), mean(jct), pct(jct, 50), pct(jct, 95), pct(jct, 99),
        mean(wait), pct(wait, 95), wait.length == 0 ? 0 : wait[wait.length - 1], makespan,
        makespan == 0 ? 0 : gpuSeconds / (r.totalGpus() * makespan), jain, timedOut, r.estimateEvery(), measured,
        missing, measured == 0 ? null : error / measured, wall, wall == 0 ? 0 : r.jobs().size() / wall);
  }

  private static double seconds(Instant a, Instant b) {
    return Duration.between(a, b).toMillis() / 1000.0;
  }

  private static double mean(double[] xs) {
    return xs.length == 0 ? 0 : Arrays.stream(xs).sum() / xs.length;
  }

  /** Nearest-rank percentile of sorted values. */
  private static double pct(double[] sorted, int p) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
