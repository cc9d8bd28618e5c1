package dev.berth.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.testkit.FakeNvidiaSmi;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real answers of Berth, with the bundled plugin jars, against the OpenAPI document it serves: each
 * main endpoint's success and the refusals a client meets (400, 401, 403, 404, 409, 415). A field
 * added to an answer without the document fails here.
 */
class OpenApiResponsesEndToEndTest {
  private static final Duration T = Duration.ofSeconds(30);
  private static final String PASSWORD = "alice-secret-password";
  @TempDir Path tmp;

  @Test
  void everyMainAnswerMatchesTheDocument() {
    FakeNvidiaSmi smi = FakeNvidiaSmi.install(tmp.resolve("smi"));
    smi.setGpus(FakeNvidiaSmi.gpu(0, 4000, 10240, 85.0));
    try (var berth = InProcessBerth.start(tmp, InProcessBerth.config(smi.command()))) {
      Http admin = berth.http;
      OpenApiContract contract = OpenApiContract.of(new Http(admin.port()));
      contract.check("POST", "/api/v1/users", admin.postJson("/api/v1/users",
          "{\"username\":\"alice\",\"password\":\"" + PASSWORD + "\"}"));
      Http alice = admin.as("alice", PASSWORD);

      // A CPU-only job runs to its end while the GPU is too busy: placement, exit code, times.
      Http.Response submitted = alice.postJson("/api/v1/jobs", "{\"template\":\"demo\",\"gpus\":0,\"parameters\":{\"seconds\":\"1\"}}");
      contract.check("POST", "/api/v1/jobs", submitted);
      String done = submitted.json().get("id").asText();
      Await.until("the CPU job to complete", T, () -> alice.job(done), j -> j.get("state").asText().equals("COMPLETED"));
      contract.check("GET", "/api/v1/jobs/" + done, alice.get("/api/v1/jobs/" + done));
      contract.check("GET", "/api/v1/jobs/" + done + "/events", alice.get("/api/v1/jobs/" + done + "/events"));
      contract.check("GET", "/api/v1/jobs/" + done + "/logs", alice.get("/api/v1/jobs/" + done + "/logs?tail=5"));
      contract.check("POST", "/api/v1/jobs/" + done + "/cancel", alice.post("/api/v1/jobs/" + done + "/cancel", "application/json", ""));

      // A GPU job waits with a reason: position and waitingReasons.
      String waiting = alice.submit("{\"template\":\"demo\",\"gpus\":1,\"timeLimit\":\"2h\"}");
      JsonNode queue = Await.until("the GPU job to wait with a reason", T, () -> alice.get("/api/v1/queue").json(),
          // Until the pass after the submission has run, the job is "next in line" (PRIORITY).
          q -> q.get("queued").size() == 1 && WaitingReasons.codes(q.get("queued").get(0)).contains("RESOURCES"));
      assertThat(queue.get("queued").get(0).get("id").asText()).isEqualTo(waiting);
      assertThat(WaitingReasons.codes(queue.get("queued").get(0))).contains("RESOURCES");
      assertThat(queue.get("queued").get(0).has("estimatedStartAt") && queue.get("queued").get(0).has("estimateNote")).isTrue();
      assertThat(queue.get("queued").get(0).get("score").isNull()).as("FIFO does not score").isTrue();
      contract.check("GET", "/api/v1/queue", alice.get("/api/v1/queue"));
      contract.check("GET", "/api/v1/jobs/" + waiting, alice.get("/api/v1/jobs/" + waiting));
      contract.check("GET", "/api/v1/jobs", alice.get("/api/v1/jobs?state=QUEUED,COMPLETED&limit=1"));
      contract.check("PATCH", "/api/v1/jobs/" + waiting, alice.send(HttpRequest.newBuilder(URI.create(alice.base() + "/api/v1/jobs/" + waiting))
          .header("Content-Type", "application/json").method("PATCH", HttpRequest.BodyPublishers.ofString("{\"timeLimit\":\"3h\"}"))));
      contract.check("GET", "/api/v1/resources", alice.get("/api/v1/resources"));

      for (String path : new String[] {"/api/v1/me", "/api/v1/me/tokens", "/api/v1/settings", "/api/v1/settings/thresholds",
          "/api/v1/plugins", "/api/v1/templates", "/api/v1/version", "/api/v1/fairshare", "/healthz", "/readyz",
          "/api/v1/me/notifications", "/api/v1/usage"}) {
        contract.check("GET", path, alice.get(path));
      }
      contract.check("PUT", "/api/v1/me/notifications", alice.putJson("/api/v1/me/notifications",
          "{\"email\":\"alice@lab.example\",\"events\":[\"end\"]}"));
      contract.check("PUT", "/api/v1/me/notifications", alice.putJson("/api/v1/me/notifications", "{\"events\":[\"x\"]}"));
      contract.check("GET", "/api/v1/usage", admin.get("/api/v1/usage?since=1d&by=day"));
      contract.check("GET", "/api/v1/usage", alice.get("/api/v1/usage?since=never"));
      Http.Response token = alice.postJson("/api/v1/me/tokens", "{\"name\":\"ci\"}");
      contract.check("POST", "/api/v1/me/tokens", token);
      for (String path : new String[] {"/api/v1/users", "/api/v1/users/alice", "/api/v1/users/alice/tokens", "/api/v1/audit"}) {
        contract.check("GET", path, admin.get(path));
      }
      contract.check("PATCH", "/api/v1/users/alice", admin.patchJson("/api/v1/users/alice", "{\"shares\":2}"));
      contract.check("PATCH", "/api/v1/users/alice", admin.patchJson("/api/v1/users/alice", "{\"shares\":0}"));
      contract.check("PUT", "/api/v1/settings/thresholds", admin.putJson("/api/v1/settings/thresholds", "{\"gpuUtilizationMaxPercent\": 90}"));

      // The refusals, each a Problem.
      contract.check("POST", "/api/v1/jobs", alice.postJson("/api/v1/jobs", "{\"template\":\"demo\",\"gpus\":9}"));
      contract.check("POST", "/api/v1/jobs", alice.post("/api/v1/jobs", "text/plain", "gpus=1"));
      contract.check("GET", "/api/v1/queue", new Http(admin.port()).get("/api/v1/queue"));
      contract.check("GET", "/api/v1/queue", new Http(admin.port()).withToken("berth_revoked").get("/api/v1/queue"));
      contract.check("GET", "/api/v1/audit", alice.get("/api/v1/audit"));
      contract.check("GET", "/api/v1/jobs/999999", alice.get("/api/v1/jobs/999999"));
      Http.Response refused = alice.post("/api/v1/jobs/" + done + "/cancel", "application/json", "");
      assertThat(refused.status()).isEqualTo(409);
      contract.check("POST", "/api/v1/jobs/" + done + "/cancel", refused);
    }
  }

  @Test
  void theContractCatchesAnAnswerThatDriftedFromTheDocument() {
    try (var berth = InProcessBerth.start(tmp, InProcessBerth.config(tmp.resolve("no-such/nvidia-smi")))) {
      OpenApiContract contract = OpenApiContract.of(berth.http);
      Http.Response job = berth.http.postJson("/api/v1/jobs", "{\"user\":\"admin\",\"template\":\"demo\",\"gpus\":1}");
      contract.check("POST", "/api/v1/jobs", job);
      String drifted = job.body().replaceFirst("\"gpus\":1", "\"gpus\":\"one\"").replaceFirst("\\{", "{\"newField\":1,");
      // Checked against the one job a GET answers: a submission's 201 may be a job or an array.
      String id = job.json().get("id").asText();
      assertThat(contract.violations("GET", "/api/v1/jobs/" + id, 200, "application/json", drifted))
          .containsExactlyInAnyOrder("$.gpus: expected an integer, got \"one\"",
              "$.newField: the server sends a property the document does not name");
      assertThat(contract.violations("GET", "/api/v1/queue", 418, "application/json", "{}"))
          .singleElement().asString().startsWith("status 418 is not documented");
      assertThat(contract.violations("GET", "/api/v1/nowhere", 200, "application/json", "{}"))
          .containsExactly("no documented operation GET /api/v1/nowhere");
      assertThatThrownBy(() -> contract.check("GET", "/api/v1/queue", new Http.Response(200, "application/json", "{\"running\":[]}")))
          .hasMessageContaining("the required property queued is missing");
    }
  }

  @Test
  void aScoredQueueUnderMultifactorMatchesTheDocument() {
    FakeNvidiaSmi smi = FakeNvidiaSmi.install(tmp.resolve("smi"));
    smi.setGpus(FakeNvidiaSmi.gpu(0, 4000, 10240, 85.0));
    String yaml = InProcessBerth.config(smi.command()) + "extensions:\n  order: multifactor\n";
    try (var berth = InProcessBerth.start(tmp, yaml)) {
      Http admin = berth.http;
      OpenApiContract contract = OpenApiContract.of(new Http(admin.port()));
      String waiting = admin.submit("{\"user\":\"alice\",\"template\":\"demo\",\"gpus\":1,\"timeLimit\":\"2h\"}");
      JsonNode queue = Await.until("the GPU job scored and waiting on the busy GPU", T, () -> admin.get("/api/v1/queue").json(),
          q -> q.get("queued").size() == 1 && q.get("queued").get(0).get("score").isObject()
              && WaitingReasons.has(q.get("queued").get(0), "RESOURCES", "utilization"));
      JsonNode job = queue.get("queued").get(0);
      assertThat(job.get("id").asText()).isEqualTo(waiting);
      assertThat(job.get("score").get("factors").findValuesAsText("name")).containsExactly("fairshare", "age", "priority");
      double sum = 0;
      for (JsonNode f : job.get("score").get("factors")) {
        sum += f.get("weight").asDouble() * f.get("value").asDouble();
      }
      assertThat(job.get("score").get("total").asDouble()).isCloseTo(sum, org.assertj.core.data.Offset.offset(0.01));
      contract.check("GET", "/api/v1/queue", admin.get("/api/v1/queue"));
      contract.check("GET", "/api/v1/jobs/" + waiting, admin.get("/api/v1/jobs/" + waiting));
      contract.check("GET", "/api/v1/settings/scheduler", admin.get("/api/v1/settings/scheduler"));
      contract.check("GET", "/api/v1/settings/fairshare", admin.get("/api/v1/settings/fairshare"));
      contract.check("GET", "/api/v1/settings/limits", admin.get("/api/v1/settings/limits"));
    }
  }
}
