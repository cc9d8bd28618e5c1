package dev.berth.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /api/v1/usage} and the usage metrics of a running server, for a user and an admin. */
class UsageEndToEndTest {
  private static final Duration T = Duration.ofSeconds(60);
  private static final String PASSWORD = "alice-password-1";
  @TempDir Path tmp;

  @Test
  void usersSeeTheirOwnUsageAdminsEveryonesAsJsonOrCsv() {
    try (var berth = InProcessBerth.start(tmp, InProcessBerth.config(tmp.resolve("none/nvidia-smi")))) {
      assertThat(berth.http.postJson("/api/v1/users", "{\"username\":\"alice\",\"password\":\"" + PASSWORD + "\"}")
          .status()).isEqualTo(201);
      Http alice = berth.http.as("alice", PASSWORD);
      String a = alice.submit("{\"user\":\"alice\",\"template\":\"demo\",\"gpus\":0,\"parameters\":{\"seconds\":\"0\"}}");
      String b = berth.http.submit("{\"user\":\"admin\",\"template\":\"demo\",\"gpus\":0,\"parameters\":{\"seconds\":\"0\"}}");
      for (String id : new String[] {a, b}) {
        Await.until("job " + id + " completed", T, () -> berth.http.job(id), j -> j.get("state").asText().equals("COMPLETED"));
      }

      JsonNode mine = alice.get("/api/v1/usage?since=1d").json();
      assertThat(mine.get("by").asText()).isEqualTo("user");
      assertThat(mine.get("groups").findValuesAsText("key")).containsExactly("alice");
      JsonNode group = mine.get("groups").get(0);
      assertThat(group.get("jobs").get("COMPLETED").asInt()).isEqualTo(1);
      assertThat(group.get("gpuHours").asDouble()).isZero();
      assertThat(group.get("waitP50Seconds").isNumber()).isTrue();
      assertThat(group.has("fairShareGpuHours")).as("fifo order: no fair-share column").isFalse();

      assertThat(berth.http.get("/api/v1/usage?since=1d").json().get("groups").findValuesAsText("key"))
          .containsExactly("admin", "alice");
      assertThat(berth.http.get("/api/v1/usage?by=template").json().get("groups").findValuesAsText("key"))
          .containsExactly("demo");

      Http.Response csv = berth.http.send(java.net.http.HttpRequest.newBuilder(
          java.net.URI.create(berth.http.base() + "/api/v1/usage?since=1d&by=user")).header("Accept", "text/csv"));
      assertThat(csv.status()).isEqualTo(200);
      assertThat(csv.contentType()).startsWith("text/csv");
      assertThat(csv.body().lines().toList()).hasSize(3).first().isEqualTo(
          "user,gpuHours,idleGpuHours,completed,failed,cancelled,timed_out,waitP50Seconds,waitP95Seconds,runP50Seconds");
      assertThat(csv.body()).contains("\nalice,0.0,0.0,1,0,0,0,");

      Http.Response bad = alice.get("/api/v1/usage?since=yesterday&by=node");
      assertThat(bad.status()).isEqualTo(400);
      assertThat(bad.json().get("errors").get(0).get("field").asText()).isEqualTo("since");

      String metrics = berth.http.get("/metrics").body();
      assertThat(metrics).contains("berth_job_wait_seconds_count 2\n")
          .contains("berth_user_gpu_seconds_total{user=\"alice\"} 0.0")
          .contains("berth_job_wait_seconds_bucket{");
    }
  }
}
