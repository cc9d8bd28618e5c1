package dev.berth.core.usage;

import dev.berth.api.Job;
import dev.berth.api.JobPage;
import dev.berth.api.JobQuery;
import dev.berth.api.JobState;
import dev.berth.api.QueueStore;
import dev.berth.api.UserUsage;
import dev.berth.core.errors.ValidationException;
import dev.berth.core.idle.UtilizationPoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Who used how much GPU time, and how long people waited, computed from the store's jobs: the
 * {@code sacct}/{@code sreport} of Berth. Read only; a report reads every job whose run or
 * submission falls in the window (pages of 1000) and the jobs still active.
 */
public final class UsageService {
  /** How far before the window a job may have been submitted and still have run inside it. */
  private static final Duration LOOK_BACK = Duration.ofDays(31);
  private static final Set<JobState> ENDS =
      EnumSet.of(JobState.COMPLETED, JobState.FAILED, JobState.CANCELLED, JobState.TIMED_OUT);

  private final QueueStore store;
  private final Clock clock;
  private final Supplier<Duration> fairShareHalfLife;
  private final Function<String, List<UtilizationPoint>> utilization;

  /** A report without idle GPU-hours ({@code idleGpuHours} null): for tools without the idle guard. */
  public UsageService(QueueStore store, Clock clock, Supplier<Duration> fairShareHalfLife) {
    this(store, clock, fairShareHalfLife, null);
  }

  /**
   * @param fairShareHalfLife the fair-share order's half-life when that order is active, else a
   *     supplier of null
   * @param utilization a job's utilisation history as the idle guard keeps it (empty for a job it
   *     never saw); null when there is no guard, and the report's idle GPU-hours are null
   */
  public UsageService(QueueStore store, Clock clock, Supplier<Duration> fairShareHalfLife,
      Function<String, List<UtilizationPoint>> utilization) {
    this.store = store;
    this.clock = clock;
    this.fairShareHalfLife = fairShareHalfLife;
    this.utilization = utilization;
  }

  /**
   * @param user only this user's jobs; null for everyone's (admins)
   * @param by {@code user}, {@code template} or {@code day}
   */
  public UsageReport report(String user, String since, String by) {
    Duration span = UsageWindow.parse(since);
    String groupBy = by == null || by.isBlank() ? "user" : by.trim();
    if (!Set.of("user", "template", "day").contains(groupBy)) {
      throw ValidationException.of("by", "must be user, template or day, was '" + groupBy + "'");
    }
    Instant until = clock.instant();
    Instant from = until.minus(span);
    Map<String, Acc> groups = new TreeMap<>();
    for (Job job : jobs(user, from)) {
      add(job, from, until, groupBy, groups, "");
      if (utilization != null) {
        addIdle(job, from, until, groupBy, groups);
      }
    }
    if (utilization != null) {
      groups.values().forEach(acc -> acc.idleGpuSeconds = acc.idleGpuSeconds == null ? 0.0 : acc.idleGpuSeconds);
    }
    Map<String, Double> fairShare = groupBy.equals("user") ? fairShare(until) : null;
    List<UsageGroup> out = new ArrayList<>();
    groups.forEach((key, acc) -> out.add(acc.toGroup(key, fairShare == null ? null : fairShare.getOrDefault(key, 0.0))));
    return new UsageReport(from, until, groupBy, out);
  }

  /** Wait-time buckets of the usage page: upper bounds in seconds, and their labels. */
  private static final long[] WAIT_BOUNDS = {60, 600, 3600, 6 * 3600, 86400, Long.MAX_VALUE};
  private static final List<String> WAIT_LABELS = List.of("< 1 min", "1–10 min", "10–60 min", "1–6 h", "6–24 h", "> 1 day");

  /**
   * The usage page's series: GPU-hours per user per UTC day, the wait distribution, and the GPUs
   * Berth's runs held per hour (at most the last 31 days of the window, hourly).
   */
  public UsageCharts charts(String user, String since) {
    Duration span = UsageWindow.parse(since);
    Instant until = clock.instant();
    Instant from = until.minus(span);
    List<Job> jobs = jobs(user, from);
    List<String> days = new ArrayList<>();
    for (LocalDate d = LocalDate.ofInstant(from, ZoneOffset.UTC); !d.isAfter(LocalDate.ofInstant(until, ZoneOffset.UTC));
        d = d.plusDays(1)) {
      days.add(d.toString());
    }
    Map<String, Acc> byDayUser = new TreeMap<>();
    for (Job job : jobs) {
      add(job, from, until, "day", byDayUser, job.user() + "\u0000");
    }
    List<String> users = byDayUser.keySet().stream().map(k -> k.substring(0, k.indexOf('\u0000'))).distinct().sorted()
        .toList();
    double[][] gpuHours = new double[users.size()][days.size()];
    long[] waits = new long[WAIT_BOUNDS.length];
    byDayUser.forEach((key, acc) -> {
      int sep = key.indexOf('\u0000');
      int u = users.indexOf(key.substring(0, sep));
      int d = days.indexOf(key.substring(sep + 1));
      if (d >= 0) {
        gpuHours[u][d] += Acc.round(acc.gpuSeconds / 3600.0);
      }
      for (double w : acc.waits) {
        int b = 0;
        while (w >= WAIT_BOUNDS[b]) {
          b++;
        }
        waits[b]++;
      }
    });
    Instant hourFrom = max(from, until.minus(Duration.ofDays(31))).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
    int n = (int) Duration.between(hourFrom, until).toHours() + 1;
    long[] hours = new long[n];
    double[] inUse = new double[n];
    for (int h = 0; h < n; h++) {
      hours[h] = hourFrom.plus(Duration.ofHours(h)).getEpochSecond();
    }
    for (Job job : jobs) {
      if (job.startedAt() == null || job.gpus() == 0) {
        continue;
      }
      Instant end = job.finishedAt() != null ? job.finishedAt() : until;
      for (int h = 0; h < n; h++) {
        Instant a = max(job.startedAt(), Instant.ofEpochSecond(hours[h]));
        Instant b = min(end, min(until, Instant.ofEpochSecond(hours[h]).plus(Duration.ofHours(1))));
        if (b.isAfter(a)) {
          inUse[h] += job.gpus() * seconds(a, b) / 3600.0;
        }
      }
    }
    for (int h = 0; h < n; h++) {
      inUse[h] = Acc.round(inUse[h]);
    }
    return new UsageCharts(days, users, gpuHours, WAIT_LABELS, waits, hours, inUse);
  }

  /** Every job submitted since {@code from − LOOK_BACK}, and every job still active. */
  private List<Job> jobs(String user, Instant from) {
    Map<String, Job> byId = new LinkedHashMap<>();
    Instant oldest = from.minus(LOOK_BACK);
    String cursor = null;
    do {
      JobPage page = store.list(new JobQuery(Set.of(), user, 1000, cursor, false));
      boolean older = false;
      for (Job j : page.jobs()) {
        if (j.submittedAt().isBefore(oldest)) {
          older = true;
          break;
        }
        byId.put(j.id(), j);
      }
      cursor = older ? null : page.next();
    } while (cursor != null);
    String active = null;
    do {
      JobPage page = store.list(new JobQuery(Set.of(JobState.RUNNING, JobState.SCHEDULED), user, 1000, active, true));
      page.jobs().forEach(j -> byId.putIfAbsent(j.id(), j));
      active = page.next();
    } while (active != null);
    return new ArrayList<>(byId.values());
  }

  /** @param prefix put before each day's key, to group by something and day at once */
  private static void add(Job job, Instant from, Instant until, String by, Map<String, Acc> groups, String prefix) {
    Instant runStart = job.startedAt();
    Instant runEnd = job.finishedAt() != null ? job.finishedAt() : until;
    boolean endedInside = ENDS.contains(job.state()) && job.finishedAt() != null && !job.finishedAt().isBefore(from)
        && !job.finishedAt().isAfter(until);
    boolean startedInside = runStart != null && !runStart.isBefore(from) && !runStart.isAfter(until);
    if (by.equals("day")) {
      // GPU time goes to each UTC day it was spent on; counts and times to the day of the event.
      if (runStart != null && job.gpus() > 0) {
        Instant a = max(runStart, from);
        while (a.isBefore(min(runEnd, until))) {
          LocalDate day = LocalDate.ofInstant(a, ZoneOffset.UTC);
          Instant dayEnd = min(min(day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC), runEnd), until);
          groups.computeIfAbsent(prefix + day, k -> new Acc()).gpuSeconds += job.gpus() * seconds(a, dayEnd);
          a = dayEnd;
        }
      }
      if (startedInside) {
        groups.computeIfAbsent(prefix + LocalDate.ofInstant(runStart, ZoneOffset.UTC), k -> new Acc())
            .waits.add(seconds(job.submittedAt(), runStart));
      }
      if (endedInside) {
        Acc acc = groups.computeIfAbsent(prefix + LocalDate.ofInstant(job.finishedAt(), ZoneOffset.UTC), k -> new Acc());
        acc.ended(job);
      }
      return;
    }
    String key = by.equals("user") ? job.user() : job.template();
    double gpuSeconds = 0;
    if (runStart != null && job.gpus() > 0) {
      Instant a = max(runStart, from);
      Instant b = min(runEnd, until);
      gpuSeconds = b.isAfter(a) ? job.gpus() * seconds(a, b) : 0;
    }
    if (gpuSeconds == 0 && !startedInside && !endedInside) {
      return;
    }
    Acc acc = groups.computeIfAbsent(key, k -> new Acc());
    acc.gpuSeconds += gpuSeconds;
    if (startedInside) {
      acc.waits.add(seconds(job.submittedAt(), runStart));
    }
    if (endedInside) {
      acc.ended(job);
    }
  }

  /**
   * The job's GPU time under the idle guard's threshold, by the stretch of its history that ended
   * inside the window: to its user or template, or to the UTC day the stretch ended.
   */
  private void addIdle(Job job, Instant from, Instant until, String by, Map<String, Acc> groups) {
    if (job.startedAt() == null || job.gpus() == 0) {
      return;
    }
    for (UtilizationPoint p : utilization.apply(job.id())) {
      if (p.idleSeconds() == 0 || p.to().isBefore(from) || p.to().isAfter(until)) {
        continue;
      }
      String key = switch (by) {
        case "user" -> job.user();
        case "template" -> job.template();
        default -> LocalDate.ofInstant(p.to(), ZoneOffset.UTC).toString();
      };
      Acc acc = groups.computeIfAbsent(key, k -> new Acc());
      acc.idleGpuSeconds = (acc.idleGpuSeconds == null ? 0 : acc.idleGpuSeconds) + (double) p.idleSeconds() * p.gpus();
    }
  }

  /** The fair-share ledger's decayed GPU-hours per user; null without that order or ledger. */
  private Map<String, Double> fairShare(Instant at) {
    Duration halfLife = fairShareHalfLife.get();
    if (halfLife == null) {
      return null;
    }
    try {
      Map<String, Double> out = new HashMap<>();
      for (UserUsage u : store.usage(at, halfLife)) {
        out.put(u.user(), u.decayedGpuSeconds() / 3600.0);
      }
      return out;
    } catch (UnsupportedOperationException noLedger) {
      return null;
    }
  }

  private static double seconds(Instant a, Instant b) {
    return Duration.between(a, b).toMillis() / 1000.0;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  /** Nearest-rank percentile of {@code values}; null when empty. */
  static Double percentile(List<Double> values, double p) {
    if (values.isEmpty()) {
      return null;
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  private static final class Acc {
    double gpuSeconds;
    /** Null while no idle history is kept. */
    Double idleGpuSeconds;
    final List<Double> waits = new ArrayList<>();
    final List<Double> runs = new ArrayList<>();
    final Map<String, Long> jobs = new LinkedHashMap<>();

    Acc() {
      for (JobState s : List.of(JobState.COMPLETED, JobState.FAILED, JobState.CANCELLED, JobState.TIMED_OUT)) {
        jobs.put(s.name(), 0L);
      }
    }

    void ended(Job job) {
      jobs.merge(job.state().name(), 1L, Long::sum);
      if (job.startedAt() != null) {
        runs.add(seconds(job.startedAt(), job.finishedAt()));
      }
    }

    UsageGroup toGroup(String key, Double fairShareGpuHours) {
      return new UsageGroup(key, round(gpuSeconds / 3600.0),
          idleGpuSeconds == null ? null : round(idleGpuSeconds / 3600.0), java.util.Collections.unmodifiableMap(
          new LinkedHashMap<>(jobs)), percentile(waits, 50),
          percentile(waits, 95), percentile(runs, 50), fairShareGpuHours == null ? null : round(fairShareGpuHours));
    }

    static double round(double v) {
      return Math.round(v * 10_000) / 10_000.0;
    }
  }
}
