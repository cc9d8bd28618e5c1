package dev.berth.core.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.Job;
import dev.berth.api.JobState;
import dev.berth.core.jobs.JobView;
import dev.berth.core.settings.SchedulerSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Easy backfill's promise, over random small workloads where every job runs exactly to its time
 * limit: once a job is the first that cannot start and has an estimated start, it starts no later
 * than that estimate, whatever was backfilled meanwhile.
 */
class BackfillNeverDelaysTheReservedJobProperties {

  record Spec(int gpus, int minutes) {}

  @Provide
  Arbitrary<List<Spec>> workloads() {
    return Combinators.combine(Arbitraries.integers().between(1, 3), Arbitraries.integers().between(1, 12))
        .as(Spec::new).list().ofMinSize(2).ofMaxSize(9);
  }

  @Property(tries = 150)
  void theReservedJobStartsNoLaterThanItsEstimate(
      @ForAll("workloads") List<Spec> workload,
      @ForAll @IntRange(min = 3, max = 4) int gpus,
      @ForAll @IntRange(min = 1, max = 4) int slots) throws Exception {
    try (ManualScheduler berth = ManualScheduler.builder().maxRunningJobs(slots).build()) {
      berth.settings(SchedulerSettings.SECTION, Map.of(SchedulerSettings.BACKFILL, "easy"));
      berth.idleGpus("ws", gpus);
      List<Job> jobs = new ArrayList<>();
      for (int i = 0; i < workload.size(); i++) {
        Spec s = workload.get(i);
        jobs.add(berth.submit("user" + (i % 3), s.gpus(), Duration.ofMinutes(s.minutes())));
      }
      Map<String, Instant> promised = new HashMap<>();
      for (int step = 0; step < 200 && !allEnded(berth, jobs); step++) {
        berth.runPass();
        String head = berth.waiting().blockedJobId();
        if (head != null && !promised.containsKey(head)) {
          JobView v = berth.view(head);
          if (v.state() == JobState.QUEUED && v.estimatedStartAt() != null) {
            promised.put(head, v.estimatedStartAt());
          }
        }
        runUntilNextEnd(berth, jobs);
      }
      assertThat(allEnded(berth, jobs)).as("every job ran").isTrue();
      Statistics.label("a job was reserved for").collect(!promised.isEmpty());
      Statistics.label("a job was reserved for").coverage(c -> c.check(true).percentage(p -> p > 30));
      promised.forEach((id, at) -> assertThat(berth.job(id).scheduledAt())
          .as("job %s, estimated %s", id, at).isBeforeOrEqualTo(at));
    }
  }

  private static boolean allEnded(ManualScheduler berth, List<Job> jobs) {
    return jobs.stream().allMatch(j -> berth.job(j.id()).state().isTerminal());
  }

  /** Starts what was claimed, then moves the clock to the next end and ends what reached its limit. */
  private static void runUntilNextEnd(ManualScheduler berth, List<Job> jobs) {
    Instant next = null;
    for (Job j : jobs) {
      if (berth.job(j.id()).state() == JobState.SCHEDULED) {
        berth.started(j.id());
      }
      Job now = berth.job(j.id());
      if (now.state() == JobState.RUNNING) {
        Instant end = now.startedAt().plusSeconds(now.timeLimitSeconds());
        next = next == null || end.isBefore(next) ? end : next;
      }
    }
    if (next == null) {
      return;
    }
    berth.clock().set(next);
    for (Job j : jobs) {
      Job now = berth.job(j.id());
      if (now.state() == JobState.RUNNING && !now.startedAt().plusSeconds(now.timeLimitSeconds()).isAfter(next)) {
        berth.finished(j.id(), 0);
      }
    }
  }
}
