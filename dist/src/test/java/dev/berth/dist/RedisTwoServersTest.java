package dev.berth.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.testkit.RedisServerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code berth serve} processes on one Redis, on different ports and data directories, with the
 * Redis lease: submissions go to both, one of them schedules, and every job runs exactly once. When
 * the leader dies, the other takes the lease over and runs what is queued.
 */
class RedisTwoServersTest {
  private static final Duration T = Duration.ofMinutes(5);
  private static final int JOBS = 200;
  @TempDir Path tmp;

  @Test
  void twoServersRunA200JobQueueWithEachJobRunExactlyOnce() throws Exception {
    Path runs = tmp.resolve("runs.log");
    try (RedisServerProcess redis = RedisServerProcess.start(tmp.resolve("redis"), RedisServerProcess.Options.durable());
        BerthProcess a = serve(redis, runs, "a");
        BerthProcess b = serve(redis, runs, "b")) {
      assertThat(a.http.putJson("/api/v1/settings/scheduler", "{\"maxRunningJobs\": 8}").status()).isEqualTo(200);
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < JOBS; i++) {
        BerthProcess to = i % 2 == 0 ? a : b;
        ids.add(to.http.submit(RedisBerthConfig.markJob(i % 2 == 0 ? "alice" : "bob")));
      }

      Await.until("all " + JOBS + " jobs to complete", T, () -> completed(b, ids), done -> done == JOBS);

      RedisBerthConfig.Runs ran = RedisBerthConfig.Runs.read(runs);
      assertThat(ran.countById().keySet()).containsExactlyInAnyOrderElementsOf(ids);
      assertThat(ran.countById()).allSatisfy((id, n) -> assertThat(n).as("runs of job %s", id).isOne());
      for (String id : ids) {
        RedisBerthConfig.assertClaimedOnceAndCompleted(a.http, id);
      }
      Set<String> servers = Set.copyOf(ran.serverById().values());
      System.out.println("200 jobs ran on server(s) " + servers + " (one schedules; the other only took submissions)");
    }
  }

  @Test
  void whenTheLeaderIsKilledTheOtherServerTakesOverAndRunsTheQueue() throws Exception {
    Path runs = tmp.resolve("runs.log");
    try (RedisServerProcess redis = RedisServerProcess.start(tmp.resolve("redis"), RedisServerProcess.Options.durable());
        BerthProcess a = serve(redis, runs, "a");
        BerthProcess b = serve(redis, runs, "b")) {
      String first = a.http.submit(RedisBerthConfig.markJob("alice"));
      Await.until("the first job to complete", T, () -> a.http.job(first), j -> j.get("state").asText().equals("COMPLETED"));
      String leaderName = RedisBerthConfig.Runs.read(runs).serverById().get(first);
      BerthProcess leader = "a".equals(leaderName) ? a : b;
      BerthProcess follower = leader == a ? b : a;

      leader.kill9();
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        ids.add(follower.http.submit(RedisBerthConfig.markJob("bob")));
      }

      for (String id : ids) {
        Await.until("job " + id + " to complete on the new leader", T, () -> follower.http.job(id),
            j -> j.get("state").asText().equals("COMPLETED"));
      }
      RedisBerthConfig.Runs ran = RedisBerthConfig.Runs.read(runs);
      for (String id : ids) {
        assertThat(ran.countById().get(id)).as("runs of job %s", id).isOne();
        assertThat(ran.serverById().get(id)).as("server that ran job %s", id).isNotEqualTo(leaderName);
      }
      assertThat(BerthProcess.read(follower.log)).contains("now schedules");
    }
  }

  @Test
  void anArrayAHoldAndADependencyWorkAcrossTwoServersOnOneRedis() throws Exception {
    Path runs = tmp.resolve("runs.log");
    try (RedisServerProcess redis = RedisServerProcess.start(tmp.resolve("redis"), RedisServerProcess.Options.durable());
        BerthProcess a = serve(redis, runs, "a");
        BerthProcess b = serve(redis, runs, "b")) {
      assertThat(a.http.putJson("/api/v1/settings/scheduler", "{\"maxRunningJobs\": 8}").status()).isEqualTo(200);
      String held = b.http.submit("{\"user\":\"alice\",\"template\":\"mark\",\"gpus\":0,\"hold\":true}");
      String after = a.http.submit("{\"user\":\"alice\",\"template\":\"mark\",\"gpus\":0,\"dependsOn\":[\""
          + held + ":ended\"]}");
      Http.Response created = a.http.postJson("/api/v1/jobs",
          "{\"user\":\"bob\",\"template\":\"mark\",\"gpus\":0,\"array\":\"0-19%2\"}");
      assertThat(created.status()).isEqualTo(201);
      String array = created.json().get("arrayId").asText();

      int peak = 0;
      JsonNode now;
      long end = System.nanoTime() + T.toNanos();
      do {
        now = b.http.get("/api/v1/arrays/" + array).json();
        peak = Math.max(peak, now.get("counts").path("SCHEDULED").asInt() + now.get("counts").path("RUNNING").asInt());
      } while (!now.get("done").asBoolean() && System.nanoTime() < end);
      assertThat(now.get("counts").toString()).isEqualTo("{\"COMPLETED\":20}");
      assertThat(peak).isLessThanOrEqualTo(2);
      assertThat(a.http.job(after).get("state").asText()).as("waits for the held job").isEqualTo("QUEUED");

      assertThat(b.http.postJson("/api/v1/jobs/" + held + "/release", "").status()).isEqualTo(200);
      Await.until("the released job and the one after it to complete", T, () -> a.http.job(after),
          j -> j.get("state").asText().equals("COMPLETED"));
      RedisBerthConfig.Runs ran = RedisBerthConfig.Runs.read(runs);
      assertThat(ran.countById()).hasSize(22).allSatisfy((id, n) -> assertThat(n).as("runs of job %s", id).isOne());
    }
  }

  private BerthProcess serve(RedisServerProcess redis, Path runs, String name) throws Exception {
    Path config = RedisBerthConfig.write(tmp.resolve(name + "/berth.yaml"), redis.url(), true, runs, name);
    return BerthProcess.serve(config, tmp.resolve(name + "/data"), BerthProcess.freePort(), tmp.resolve(name + "/berth.log"));
  }

  private static int completed(BerthProcess berth, List<String> ids) {
    Set<String> done = new java.util.HashSet<>();
    String cursor = null;
    do {
      JsonNode page = berth.http.get("/api/v1/jobs?state=COMPLETED&limit=1000&order=oldest"
          + (cursor == null ? "" : "&cursor=" + cursor)).json();
      page.get("jobs").forEach(j -> done.add(j.get("id").asText()));
      cursor = page.get("next").isNull() ? null : page.get("next").asText();
    } while (cursor != null);
    return (int) ids.stream().filter(done::contains).collect(Collectors.counting()).longValue();
  }
}
