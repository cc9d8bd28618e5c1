package dev.berth.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How run slots fill and free: the scheduler keeps the active jobs in memory, so these check that
 * its view follows starts, settings changes and ends, through the real plugins.
 */
class RunSlotsTest {
  private static final Duration T = Duration.ofSeconds(30);
  private static final String LONG_CPU_JOB =
      "{\"user\":\"alice\",\"template\":\"demo\",\"gpus\":0,\"parameters\":{\"seconds\":\"120\"}}";
  @TempDir Path tmp;

  @Test
  void aBurstFillsEveryFreeSlotAndTheRestWaitInOrderUntilSlotsFree() {
    try (var berth = InProcessBerth.start(tmp, InProcessBerth.config(tmp.resolve("none/nvidia-smi")))) {
      Http http = berth.http;
      assertThat(http.putJson("/api/v1/settings/scheduler", "{\"maxRunningJobs\": 3}").status()).isEqualTo(200);
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        ids.add(http.submit(LONG_CPU_JOB));
      }

      JsonNode queue = Await.until("three running and two waiting for a slot", T, () -> http.get("/api/v1/queue").json(),
          q -> q.get("running").size() == 3 && q.get("queued").size() == 2
              && WaitingReasons.has(q.get("queued").get(0), "SLOT", "free run slot"));
      assertThat(queue.get("running").findValuesAsText("id")).containsExactlyInAnyOrderElementsOf(ids.subList(0, 3));
      assertThat(queue.get("queued").get(0).get("id").asText()).isEqualTo(ids.get(3));
      assertThat(WaitingReasons.messages(queue.get("queued").get(0), "SLOT")).as("the run-slot limit has code SLOT")
          .anySatisfy(m -> assertThat(m).contains("3 of 3 in use"));
      assertThat(WaitingReasons.codes(queue.get("queued").get(1))).contains("PRIORITY");
      assertThat(WaitingReasons.messages(queue.get("queued").get(1), "PRIORITY")).contains("1 job ahead start first");

      assertThat(http.putJson("/api/v1/settings/scheduler", "{\"maxRunningJobs\": 5}").status()).isEqualTo(200);
      Await.until("all five running after the limit was raised", T, () -> http.get("/api/v1/queue").json(),
          q -> q.get("running").size() == 5 && q.get("queued").isEmpty());

      for (String id : ids) {
        assertThat(http.post("/api/v1/jobs/" + id + "/cancel", "application/json", "").status()).isIn(200, 202);
      }
      for (String id : ids) {
        Await.until("job " + id + " cancelled", T, () -> http.job(id), j -> j.get("state").asText().equals("CANCELLED"));
      }
      assertThat(http.putJson("/api/v1/settings/scheduler", "{\"maxRunningJobs\": 1}").status()).isEqualTo(200);
      String next = http.submit("{\"user\":\"bob\",\"template\":\"demo\",\"gpus\":0,\"parameters\":{\"seconds\":\"1\"}}");
      Await.until("a new job to take the slot the cancels freed", T, () -> http.job(next),
          j -> j.get("state").asText().equals("COMPLETED"));
    }
  }
}
