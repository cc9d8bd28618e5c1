package dev.berth.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.testkit.RedisServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code berth serve} with {@code extensions.store: redis}, as docs/stores.md walks through it: jobs
 * run and their history is kept in Redis, so a Berth started afterwards on a fresh data directory
 * finds every job and setting; a bad Redis URL stops the start with a message naming the key.
 */
class RedisServeTest {
  private static final Duration T = Duration.ofSeconds(60);
  @TempDir Path tmp;

  @Test
  void jobsRunAndTheirStateLivesInRedisNotOnTheLocalDisk() throws Exception {
    try (RedisServerProcess redis = RedisServerProcess.start(tmp.resolve("redis"), RedisServerProcess.Options.durable())) {
      Path runs = tmp.resolve("runs.log");
      Path config = RedisBerthConfig.write(tmp.resolve("berth.yaml"), redis.url(), false, runs, "a");
      Path log = tmp.resolve("berth.log");
      List<String> ids = new ArrayList<>();
      try (BerthProcess berth = BerthProcess.serve(config, tmp.resolve("data-1"), BerthProcess.freePort(), log)) {
        assertThat(berth.http.get("/readyz").status()).isEqualTo(200);
        JsonNode plugins = berth.http.get("/api/v1/plugins").json();
        assertThat(plugins.toString()).contains("dev.berth.store.redis.RedisQueueStore");

        for (int i = 0; i < 5; i++) {
          ids.add(berth.http.submit(RedisBerthConfig.markJob("alice")));
        }
        ids.add(berth.http.submit(
            "{\"user\":\"bob\",\"template\":\"demo\",\"gpus\":0,\"parameters\":{\"seconds\":\"1\"}}"));
        assertThat(berth.http.putJson("/api/v1/settings/scheduler", "{\"maxRunningJobs\": 2}").status()).isEqualTo(200);
        for (String id : ids) {
          Await.until("job " + id + " to complete", T, () -> berth.http.job(id),
              j -> j.get("state").asText().equals("COMPLETED"));
        }
        for (String id : ids) {
          RedisBerthConfig.assertClaimedOnceAndCompleted(berth.http, id);
        }
        assertThat(berth.http.get("/api/v1/jobs/" + ids.get(5) + "/logs").body()).contains("done");
      }
      assertThat(RedisBerthConfig.Runs.read(runs).countById()).hasSize(5).allSatisfy((id, n) -> assertThat(n).isOne());

      try (BerthProcess fresh = BerthProcess.serve(config, tmp.resolve("data-2"), BerthProcess.freePort(), log)) {
        for (String id : ids) {
          assertThat(fresh.http.job(id).get("state").asText()).isEqualTo("COMPLETED");
        }
        JsonNode scheduler = fresh.http.get("/api/v1/settings/scheduler").json();
        assertThat(scheduler.get("values").get("maxRunningJobs").asText()).isEqualTo("2");
        String next = fresh.http.submit(RedisBerthConfig.markJob("carol"));
        assertThat(Long.parseLong(next)).isGreaterThan(Long.parseLong(ids.get(5)));
      }
    }
  }

  @Test
  void aBadRedisUrlStopsTheStartWithAMessageNamingTheKey() throws Exception {
    Path config = Files.writeString(tmp.resolve("bad.yaml"), """
        extensions:
          store: redis
        store:
          redis:
            url: "http://berth:hunter2@localhost:6379"
        """);
    Path log = tmp.resolve("bad.log");

    int exit = BerthProcess.run(log, "serve", "--config", config.toString(), "--data-dir", tmp.resolve("d").toString(),
        "--port", Integer.toString(BerthProcess.freePort()));

    assertThat(exit).isEqualTo(2);
    assertThat(BerthProcess.read(log)).contains("store.redis.url").contains("redis://").doesNotContain("hunter2");
  }
}
