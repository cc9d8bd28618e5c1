package dev.berth.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.Job;
import dev.berth.api.JobEvent;
import dev.berth.api.JobQuery;
import dev.berth.api.JobState;
import dev.berth.api.JobSubmission;
import dev.berth.api.JobTransition;
import dev.berth.api.Placement;
import dev.berth.api.StoreUnavailableException;
import dev.berth.api.UsageAccrual;
import dev.berth.api.UserUsage;
import dev.berth.api.VersionedSettings;
import dev.berth.testkit.Await;
import dev.berth.testkit.RedisServerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code appendonly yes} and {@code appendfsync always}, everything the store acknowledged is
 * back after redis-server is killed with {@code kill -9} and started again, even when the kill lands
 * in the middle of a stream of submissions.
 */
class RedisDurabilityTest {
  private static final Instant T0 = Instant.parse("2026-03-01T09:00:00.123456Z");

  @TempDir Path dir;

  @Test
  void everySubmissionAcknowledgedBeforeAKill9IsThereAfterTheRestart() throws Exception {
    try (RedisServerProcess redis = RedisServerProcess.start(dir.resolve("redis"), RedisServerProcess.Options.durable());
        RedisQueueStore store = RedisTestStores.store(redis, dir, "berth:")) {
      Map<String, JobSubmission> acknowledged = new ConcurrentHashMap<>();
      AtomicBoolean stop = new AtomicBoolean();
      CountDownLatch enough = new CountDownLatch(500);
      ExecutorService submitters = Executors.newFixedThreadPool(4);
      List<Future<Integer>> refusals = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        String user = "user-" + t;
        refusals.add(submitters.submit(() -> {
          int refused = 0;
          for (int i = 0; !stop.get(); i++) {
            JobSubmission submission = new JobSubmission("job " + i, user, "proto-gcn",
                Map.of("config-file", "configs/ntu60_xsub/j.py", "work-dir", "runs/" + user + "/" + i), 1, 0);
            try {
              acknowledged.put(store.enqueue(submission, T0.plusSeconds(i)).id(), submission);
              enough.countDown();
            } catch (StoreUnavailableException e) {
              refused++;
            }
          }
          return refused;
        }));
      }
      assertThat(enough.await(2, TimeUnit.MINUTES)).as("500 submissions acknowledged").isTrue();

      redis.kill9();
      Map<String, JobSubmission> beforeRestart = Map.copyOf(acknowledged);
      redis.restart();
      stop.set(true);
      submitters.shutdown();
      assertThat(submitters.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
      for (Future<Integer> f : refusals) {
        f.get();
      }

      assertThat(beforeRestart.size()).isGreaterThanOrEqualTo(500);
      try (RedisQueueStore reopened = RedisTestStores.store(redis, dir, "berth:")) {
        for (Map.Entry<String, JobSubmission> e : acknowledged.entrySet()) {
          Job job = reopened.get(e.getKey()).orElseThrow(() -> new AssertionError("job " + e.getKey() + " is lost"));
          assertThat(job.user()).isEqualTo(e.getValue().user());
          assertThat(job.parameters()).isEqualTo(e.getValue().parameters());
          assertThat(reopened.events(job.id())).hasSize(1);
        }
        long queued = reopened.countByState().get(JobState.QUEUED);
        assertThat(queued).isGreaterThanOrEqualTo(acknowledged.size());
        long newest = acknowledged.keySet().stream().mapToLong(Long::parseLong).max().orElseThrow();
        assertThat(reopened.enqueue(new JobSubmission("after", "ann", "demo", Map.of(), 0, 0), T0).sequence())
            .as("the id sequence survived too")
            .isGreaterThan(newest);
      }
    }
  }

  @Test
  void statesEventsAndSettingsComeBackExactlyAfterAKill9() {
    try (RedisServerProcess redis = RedisServerProcess.start(dir.resolve("redis"), RedisServerProcess.Options.durable())) {
      Map<String, Job> jobs = new HashMap<>();
      Map<String, List<JobEvent>> events = new HashMap<>();
      List<VersionedSettings> settings;
      try (RedisQueueStore store = RedisTestStores.store(redis, dir, "berth:")) {
        for (int i = 0; i < 60; i++) {
          Job job = store.enqueue(new JobSubmission("j" + i, "ann", "demo", Map.of("seconds", "" + i), i % 3, i), T0);
          Instant at = T0.plusSeconds(i);
          if (i % 2 == 0) {
            job = store.claim(job.id(), new Placement("node-" + i, List.of(i % 4)), at, "scheduler").orElseThrow();
          }
          if (i % 4 == 0) {
            job = store.transition(job.id(), Set.of(JobState.SCHEDULED),
                JobTransition.to(JobState.RUNNING, at.plusMillis(1), "executor", "pid " + i).withExecutorRef("pid-" + i))
                .orElseThrow();
          }
          if (i % 8 == 0) {
            job = store.transition(job.id(), JobState.ACTIVE,
                JobTransition.to(JobState.FAILED, at.plusMillis(2), "reconciler", "exit 3").withExitCode(3)).orElseThrow();
          }
          jobs.put(job.id(), job);
        }
        store.putSettings("scheduler", Map.of("maxRunningJobs", "4"), 0);
        store.putSettings("thresholds", Map.of("gpuUtilizationMaxPercent", "90"), 0);
        store.putSettings("thresholds", Map.of("gpuUtilizationMaxPercent", "70"), 1);
        jobs.keySet().forEach(id -> events.put(id, store.events(id)));
        settings = List.of(store.settings("scheduler"), store.settings("thresholds"));

        redis.kill9();
        redis.restart();

        assertThat(Await.until("the store to answer", Duration.ofSeconds(30),
                () -> store.list(new JobQuery(Set.of(), null, 1000, null, true)).jobs(), answer -> true).size())
            .as("the same store instance reconnects by itself")
            .isEqualTo(jobs.size());
      }
      try (RedisQueueStore reopened = RedisTestStores.store(redis, dir, "berth:")) {
        for (Job job : jobs.values()) {
          assertThat(reopened.get(job.id())).contains(job);
          assertThat(reopened.events(job.id())).isEqualTo(events.get(job.id()));
        }
        assertThat(List.of(reopened.settings("scheduler"), reopened.settings("thresholds"))).isEqualTo(settings);
        assertThat(reopened.list(new JobQuery(Set.of(JobState.RUNNING), "ann", 1000, null, true)).jobs())
            .extracting(Job::id)
            .containsExactlyInAnyOrderElementsOf(jobs.values().stream()
                .filter(j -> j.state() == JobState.RUNNING).map(Job::id).toList());
      }
    }
  }

  @Test
  void theUsageLedgerAndWhatEachJobWasCountedForComeBackAfterAKill9() {
    Duration halfLife = Duration.ofHours(1);
    try (RedisServerProcess redis = RedisServerProcess.start(dir.resolve("redis"), RedisServerProcess.Options.durable())) {
      UsageAccrual minute;
      try (RedisQueueStore store = RedisTestStores.store(redis, dir, "berth:")) {
        Job job = store.enqueue(new JobSubmission("j", "ann", "demo", Map.of(), 2, 0), T0);
        store.claim(job.id(), new Placement("node-a", List.of(0, 1)), T0, "scheduler").orElseThrow();
        minute = new UsageAccrual(job.id(), "ann", 2, T0, T0.plusSeconds(60));
        store.accrueUsage(List.of(minute), halfLife);
        redis.kill9();
      }
      redis.restart();
      try (RedisQueueStore reopened = RedisTestStores.store(redis, dir, "berth:")) {
        Await.until("the store to answer", Duration.ofSeconds(30), () -> reopened.usage(T0, halfLife), answer -> true);
        reopened.accrueUsage(List.of(minute), halfLife);
        assertThat(reopened.usage(T0.plusSeconds(60), halfLife))
            .containsExactly(new UserUsage("ann", 120, 120));
        assertThat(reopened.usage(T0.plusSeconds(60).plus(halfLife), halfLife))
            .containsExactly(new UserUsage("ann", 120, 60));
      }
    }
  }
}
