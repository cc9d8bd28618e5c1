package dev.berth.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.Claim;
import dev.berth.api.Job;
import dev.berth.api.JobEvent;
import dev.berth.api.JobState;
import dev.berth.api.JobSubmission;
import dev.berth.api.JobTransition;
import dev.berth.api.Placement;
import dev.berth.api.TransitionRequest;
import dev.berth.testkit.RedisServerProcess;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XReadParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * What the store writes, key by key, exactly as docs/stores.md describes it: job hashes in the
 * compact encoding, the queue and state indexes scored by id, per-user indexes, event lists, the
 * settings hashes and the change feed that other processes can block on.
 */
class RedisKeyLayoutTest {
  private static final Instant T0 = Instant.parse("2026-03-01T09:00:00.123456Z");
  private static final JobSubmission PROTO_GCN = new JobSubmission("ntu60 xsub joint", "alice", "proto-gcn",
      Map.of("config-file", "configs/ntu60_xsub/j.py", "work-dir", "runs/j1"), 1, 0);

  @TempDir Path dir;
  private RedisServerProcess redis;
  private RedisQueueStore store;
  private JedisPooled raw;

  @BeforeEach
  void open() {
    redis = RedisServerProcess.start(dir.resolve("redis"), RedisServerProcess.Options.ephemeral());
    store = RedisTestStores.store(redis, dir, "berth:");
    raw = RedisTestStores.raw(redis);
  }

  @AfterEach
  void close() {
    raw.close();
    store.close();
    redis.close();
  }

  @Test
  void aQueuedJobIsACompactHashInTheQueueAndItsUsersIndexWithItsFirstEvent() {
    Job job = store.enqueue(PROTO_GCN, T0);

    assertThat(job.id()).isEqualTo("1");
    assertThat(raw.get("berth:seq")).isEqualTo("1");
    assertThat(raw.type("berth:job:1")).isEqualTo("hash");
    assertThat(raw.objectEncoding("berth:job:1")).isEqualTo("listpack");
    assertThat(raw.hgetAll("berth:job:1")).isEqualTo(Map.of(
        "state", "QUEUED", "name", "ntu60 xsub joint", "user", "alice", "tmpl", "proto-gcn", "gpus", "1",
        "prio", "0", "sub", "2026-03-01T09:00:00.123456Z", "ev", "1",
        "p.config-file", "configs/ntu60_xsub/j.py", "p.work-dir", "runs/j1"));
    assertThat(raw.zscore("berth:queue", "1")).isEqualTo(1.0);
    assertThat(raw.zscore("berth:user:alice:QUEUED", "1")).isEqualTo(1.0);
    assertThat(raw.lrange("berth:events:1", 0, -1)).singleElement().asString()
        .contains("\"n\":1").contains("\"to\":\"QUEUED\"").contains("\"by\":\"alice\"");

    String token = raw.keys("berth:enq:*").iterator().next();
    assertThat(raw.get(token)).as("the enqueue call's token names its job and its place").isEqualTo("1:0");
    assertThat(raw.pttl(token)).isPositive();
  }

  @Test
  void aClaimMovesTheJobBetweenIndexesAndStampsItsHash() {
    Job job = store.enqueue(PROTO_GCN, T0);

    store.claim(job.id(), new Placement("gpu-node-3", List.of(5, 0)), T0.plusSeconds(1), "scheduler", 0);

    assertThat(raw.zcard("berth:queue")).isZero();
    assertThat(raw.zscore("berth:state:SCHEDULED", "1")).isEqualTo(1.0);
    assertThat(raw.zcard("berth:user:alice:QUEUED")).isZero();
    assertThat(raw.zscore("berth:user:alice:SCHEDULED", "1")).isEqualTo(1.0);
    assertThat(raw.hgetAll("berth:job:1"))
        .containsEntry("state", "SCHEDULED")
        .containsEntry("sch", "2026-03-01T09:00:01.123456Z")
        .containsEntry("node", "gpu-node-3")
        .containsEntry("devs", "5,0")
        .containsEntry("ev", "2");
    assertThat(raw.llen("berth:events:1")).isEqualTo(2);
  }

  @Test
  void aBatchLargerThanOneScriptRunClaimsEveryJobInOrderAndMovesEachUsersIndex() {
    int jobs = ClaimBatch.MAX_CLAIMS * 2 + 7;
    List<Claim> claims = new ArrayList<>();
    for (int i = 0; i < jobs; i++) {
      JobSubmission mine = new JobSubmission("j", i % 3 == 0 ? "bob" : "alice", "demo", Map.of(), 1, 0);
      claims.add(new Claim(store.enqueue(mine, T0).id(), new Placement("node-" + i % 4, List.of(i % 8))));
    }
    Collections.reverse(claims);

    List<Job> claimed = store.claimAll(claims, T0.plusSeconds(1), "scheduler", 0);

    assertThat(claimed).extracting(Job::id).containsExactlyElementsOf(claims.stream().map(Claim::jobId).toList());
    assertThat(claimed).extracting(Job::placement).containsExactlyElementsOf(claims.stream().map(Claim::placement).toList());
    assertThat(raw.zcard("berth:queue")).isZero();
    assertThat(raw.zcard("berth:state:SCHEDULED")).isEqualTo(jobs);
    assertThat(raw.zcard("berth:user:alice:QUEUED") + raw.zcard("berth:user:bob:QUEUED")).isZero();
    assertThat(raw.zcard("berth:user:bob:SCHEDULED")).isEqualTo((jobs + 2) / 3);
    assertThat(raw.zcard("berth:user:alice:SCHEDULED")).isEqualTo(jobs - (jobs + 2) / 3);
    assertThat(raw.hgetAll("berth:job:" + jobs)).containsEntry("state", "SCHEDULED").containsEntry("ev", "2");
    assertThat(raw.xlen("berth:changes")).isEqualTo(2L * jobs);
  }

  @Test
  void aTransitionAllOfMoreThanOneTripAppliesInOrderEvenAfterRedisForgotItsScripts() {
    int jobs = RedisQueueStore.MAX_TRANSITIONS_PER_TRIP + 7;
    List<TransitionRequest> requests = new ArrayList<>();
    for (int i = 0; i < jobs; i++) {
      Job job = store.claim(store.enqueue(PROTO_GCN, T0).id(), new Placement("n", List.of()), T0, "scheduler")
          .orElseThrow();
      requests.add(new TransitionRequest(job.id(), Set.of(JobState.SCHEDULED),
          JobTransition.to(JobState.RUNNING, T0.plusSeconds(1), "executor", null)));
      requests.add(new TransitionRequest(job.id(), Set.of(JobState.RUNNING),
          JobTransition.to(JobState.COMPLETED, T0.plusSeconds(2), "executor", null)));
    }
    raw.scriptFlush();

    List<Optional<Job>> after = store.transitionAll(requests);

    assertThat(after).allMatch(Optional::isPresent);
    assertThat(raw.zcard("berth:state:COMPLETED")).isEqualTo(jobs);
    assertThat(raw.zcard("berth:user:alice:RUNNING")).isZero();
    assertThat(raw.hgetAll("berth:job:" + jobs)).containsEntry("state", "COMPLETED").containsEntry("ev", "4");
  }

  @Test
  void aClaimWithoutALeaseIsNotFencedEvenAfterLeasesWereIssued() {
    raw.set("berth:lease:token", "41");
    Job job = store.enqueue(PROTO_GCN, T0);

    assertThat(store.claim(job.id(), new Placement("n", List.of()), T0, "scheduler", 0))
        .as("token 0: a single process without a lease")
        .isPresent();
    Job next = store.enqueue(PROTO_GCN, T0);
    assertThat(store.claim(next.id(), new Placement("n", List.of()), T0, "scheduler", 40)).isEmpty();
    assertThat(store.claim(next.id(), new Placement("n", List.of()), T0, "scheduler", 41)).isPresent();
  }

  @Test
  void everyChangeIsOnTheChangeFeedInCommitOrder() {
    Job job = store.enqueue(PROTO_GCN, T0);
    store.claim(job.id(), new Placement("n", List.of(0)), T0, "scheduler");
    store.putSettings("scheduler", Map.of("maxRunningJobs", "2"), 0);

    List<StreamEntry> feed = raw.xrange("berth:changes", (StreamEntryID) null, (StreamEntryID) null);

    assertThat(feed).extracting(StreamEntry::getFields).containsExactly(
        Map.of("job", "1", "to", "QUEUED", "at", T0.toString()),
        Map.of("job", "1", "from", "QUEUED", "to", "SCHEDULED", "at", T0.toString()),
        Map.of("settings", "scheduler", "version", "1"));
  }

  @Test
  void aReaderBlockedOnTheChangeFeedWakesOnASubmissionFromAnotherProcess() throws Exception {
    CompletableFuture<Map<String, String>> woken = CompletableFuture.supplyAsync(() -> {
      var read = raw.xread(XReadParams.xReadParams().block(60_000).count(1),
          Map.of("berth:changes", StreamEntryID.XREAD_NEW_ENTRY));
      return read.get(0).getValue().get(0).getFields();
    });
    try (RedisQueueStore other = RedisTestStores.store(redis, dir, "berth:")) {
      // Keep submitting until the reader is blocked and takes one; the first may come before XREAD.
      while (!woken.isDone()) {
        other.enqueue(PROTO_GCN, T0);
        try {
          woken.get(100, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException notYet) {
          // the reader was not blocked yet
        }
      }
    }

    assertThat(woken.get()).containsEntry("to", "QUEUED").containsKey("job");
  }

  @Test
  void settingsAreAVersionHashAndOneValuesHashPerSection() {
    store.putSettings("thresholds", Map.of("gpuUtilizationMaxPercent", "90"), 0);
    store.putSettings("thresholds", Map.of("gpuUtilizationMaxPercent", "70"), 1);

    assertThat(raw.hgetAll("berth:settings")).isEqualTo(Map.of("thresholds", "2"));
    assertThat(raw.hgetAll("berth:settings:thresholds")).isEqualTo(Map.of("gpuUtilizationMaxPercent", "70"));
  }

  @Test
  void eventsAreCappedPerJobKeepingTheNewestWithTheirNumbers() {
    try (RedisQueueStore capped = RedisTestStores.store(redis, dir, "capped:", Map.of("eventsMaxPerJob", 2))) {
      Job job = capped.enqueue(PROTO_GCN, T0);
      capped.claim(job.id(), new Placement("n", List.of(0)), T0, "scheduler");
      capped.transition(job.id(), Set.of(JobState.SCHEDULED), JobTransition.to(JobState.RUNNING, T0, "executor", null));
      capped.transition(job.id(), Set.of(JobState.RUNNING), JobTransition.to(JobState.COMPLETED, T0, "executor", "ok"));

      assertThat(capped.events(job.id())).extracting(JobEvent::sequence).containsExactly(3L, 4L);
      assertThat(capped.events(job.id()).get(1).message()).isEqualTo("ok");
    }
  }

  @Test
  void theDatabaseOfTheUrlIsTheOneWrittenTo() {
    try (RedisQueueStore five = RedisTestStores.store(redis, dir, "berth:", Map.of("url", redis.url() + "/5"));
        JedisPooled rawFive = new JedisPooled(redis.url() + "/5")) {
      five.enqueue(PROTO_GCN, T0);

      assertThat(rawFive.hgetAll("berth:job:1")).containsEntry("user", "alice");
      assertThat(raw.exists("berth:job:1")).as("database 0").isFalse();
    }
  }

  @Test
  void twoPrefixesOnOneRedisAreTwoSeparateQueues() {
    try (RedisQueueStore other = RedisTestStores.store(redis, dir, "team-b:")) {
      store.enqueue(PROTO_GCN, T0);
      store.enqueue(PROTO_GCN, T0);

      assertThat(other.enqueue(PROTO_GCN, T0).id()).isEqualTo("1");
      assertThat(other.countByState().get(JobState.QUEUED)).isEqualTo(1);
      assertThat(store.countByState().get(JobState.QUEUED)).isEqualTo(2);
      assertThat(raw.keys("team-b:*")).contains("team-b:job:1", "team-b:queue", "team-b:seq");
    }
  }
}
