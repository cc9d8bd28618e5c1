package dev.berth.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.testkit.FakeNvidiaSmi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16's Definition of done against the assembled server, run as a child process over a real
 * SQLite file: a chain where the first job fails, a capped array, a sweep, hold and release, and a
 * job that succeeds on its third attempt; and the bad submissions that must store nothing.
 */
class JobFlowEndToEndTest {
  private static final Duration T = Duration.ofSeconds(90);
  @TempDir Path tmp;

  @Test
  void aChainWhoseFirstJobFailsCancelsTheAfterOkJobWithTheReasonAndRunsTheAfterAnyJob() throws Exception {
    try (BerthProcess berth = serve()) {
      Http http = berth.http;
      // Held until the chain is queued: a failing first job could end before its dependants are
      // submitted, and a dependency on an already-failed job is refused at submission.
      String a = http.submit("{\"template\":\"step\",\"gpus\":0,\"hold\":true,\"parameters\":{\"code\":\"3\"}}");
      String b = http.submit("{\"template\":\"step\",\"gpus\":0,\"dependsOn\":[{\"job\":\"" + a
          + "\",\"when\":\"succeeded\"}]}");
      String c = http.submit("{\"template\":\"step\",\"gpus\":0,\"dependsOn\":[{\"job\":\"" + b
          + "\",\"when\":\"ended\"}]}");
      JsonNode waiting = http.job(b);
      assertThat(waiting.get("dependsOn").toString()).isEqualTo("[{\"job\":\"" + a + "\",\"when\":\"succeeded\"}]");
      assertThat(http.postJson("/api/v1/jobs/" + a + "/release", "").status()).isEqualTo(200);

      JsonNode cancelled = Await.until("b to be cancelled", T, () -> http.job(b),
          j -> j.get("state").asText().equals("CANCELLED"));
      assertThat(http.job(a).get("state").asText()).isEqualTo("FAILED");
      assertThat(cancelled.get("message").asText())
          .isEqualTo("dependency on job " + a + " (succeeded) can never be met: job " + a + " ended FAILED");
      Await.until("c to complete", T, () -> http.job(c), j -> j.get("state").asText().equals("COMPLETED"));
    }
  }

  @Test
  void aCappedArrayNeverRunsMoreThanTwoAndAllSixComplete() throws Exception {
    try (BerthProcess berth = serve()) {
      Http http = berth.http;
      Http.Response created = http.postJson("/api/v1/jobs",
          "{\"template\":\"nap\",\"gpus\":0,\"array\":\"0-5%2\"}");
      assertThat(created.status()).isEqualTo(201);
      JsonNode array = created.json();
      String id = array.get("arrayId").asText();
      assertThat(array.get("size").asInt()).isEqualTo(6);
      assertThat(array.get("maxRunning").asInt()).isEqualTo(2);

      int peak = 0;
      JsonNode now;
      long end = System.nanoTime() + T.toNanos();
      do {
        now = http.get("/api/v1/arrays/" + id).json();
        int active = now.get("counts").path("SCHEDULED").asInt() + now.get("counts").path("RUNNING").asInt();
        peak = Math.max(peak, active);
        Thread.sleep(50);
      } while (!now.get("done").asBoolean() && System.nanoTime() < end);

      assertThat(peak).as("most jobs of the array running at once").isEqualTo(2);
      assertThat(now.get("counts").toString()).isEqualTo("{\"COMPLETED\":6}");
      List<Integer> indexes = new ArrayList<>();
      for (JsonNode job : now.get("jobs")) {
        indexes.add(job.get("arrayIndex").asInt());
        assertThat(http.get("/api/v1/jobs/" + job.get("id").asText() + "/logs").body())
            .contains("index " + job.get("arrayIndex").asInt());
      }
      assertThat(indexes).containsExactly(0, 1, 2, 3, 4, 5);
    }
  }

  @Test
  void aTwoByTwoSweepRunsFourJobsEachWithItsParametersInItsLog() throws Exception {
    try (BerthProcess berth = serve()) {
      Http http = berth.http;
      Http.Response created = http.postJson("/api/v1/jobs",
          "{\"template\":\"train\",\"gpus\":0,\"sweep\":{\"lr\":[\"0.1\",\"0.01\"],\"bs\":[\"32\",\"64\"]}}");
      assertThat(created.status()).isEqualTo(201);
      String id = created.json().get("arrayId").asText();

      JsonNode done = Await.until("the sweep to finish", T, () -> http.get("/api/v1/arrays/" + id).json(),
          a -> a.get("done").asBoolean());

      assertThat(done.get("counts").toString()).isEqualTo("{\"COMPLETED\":4}");
      Map<Integer, String> logs = new TreeMap<>();
      for (JsonNode job : done.get("jobs")) {
        logs.put(job.get("arrayIndex").asInt(), http.get("/api/v1/jobs/" + job.get("id").asText() + "/logs").body().trim());
      }
      assertThat(logs).containsExactly(
          Map.entry(0, "lr=0.1 bs=32"), Map.entry(1, "lr=0.1 bs=64"),
          Map.entry(2, "lr=0.01 bs=32"), Map.entry(3, "lr=0.01 bs=64"));
    }
  }

  @Test
  void holdingAndReleasingAJobKeepsItsPlace() throws Exception {
    try (BerthProcess berth = serve()) {
      Http http = berth.http;
      assertThat(http.putJson("/api/v1/settings/scheduler", "{\"maxRunningJobs\": 1}").status()).isEqualTo(200);
      String blocker = http.submit("{\"template\":\"nap\",\"gpus\":0,\"parameters\":{\"seconds\":\"60\"}}");
      Await.until("the blocker to run", T, () -> http.job(blocker), j -> j.get("state").asText().equals("RUNNING"));
      String first = http.submit("{\"template\":\"nap\",\"gpus\":0}");
      String second = http.submit("{\"template\":\"nap\",\"gpus\":0}");
      String third = http.submit("{\"template\":\"nap\",\"gpus\":0,\"hold\":true}");
      assertThat(http.job(third).get("state").asText()).isEqualTo("HELD");

      Http.Response held = http.postJson("/api/v1/jobs/" + first + "/hold", "");
      assertThat(held.status()).isEqualTo(200);
      assertThat(held.json().get("state").asText()).isEqualTo("HELD");
      assertThat(http.job(second).get("position").asInt()).isEqualTo(1);

      Http.Response released = http.postJson("/api/v1/jobs/" + first + "/release", "");
      assertThat(released.json().get("state").asText()).isEqualTo("QUEUED");
      assertThat(http.job(first).get("position").asInt()).as("back in its place").isEqualTo(1);
      assertThat(http.job(second).get("position").asInt()).isEqualTo(2);
      assertThat(http.postJson("/api/v1/jobs/" + second + "/release", "").status()).as("queued: nothing to do")
          .isEqualTo(200);
      assertThat(http.postJson("/api/v1/jobs/" + blocker + "/hold", "").status()).as("running: cannot be held")
          .isEqualTo(409);
      assertThat(http.get("/api/v1/audit").body()).contains("job.hold").contains("job.release");

      http.postJson("/api/v1/jobs/" + blocker + "/cancel", "");
      Await.until("the released job to start first", T, () -> http.job(first), j -> j.hasNonNull("scheduledAt"));
      assertThat(http.job(second).get("state").asText()).isIn("QUEUED", "SCHEDULED", "RUNNING", "COMPLETED");
      assertThat(http.job(third).get("state").asText()).as("still held").isEqualTo("HELD");
    }
  }

  @Test
  void aJobThatFailsTwiceWithTwoRetriesSucceedsOnItsThirdAttemptAndKeepsEachLog() throws Exception {
    try (BerthProcess berth = serve()) {
      Http http = berth.http;
      String id = http.submit("{\"template\":\"flaky\",\"gpus\":0,\"maxRetries\":2}");

      JsonNode done = Await.until("the job to end", T, () -> http.job(id), j -> j.get("state").asText().equals("COMPLETED")
          || j.get("state").asText().equals("FAILED"));

      assertThat(done.get("state").asText()).isEqualTo("COMPLETED");
      assertThat(done.get("attempt").asInt()).isEqualTo(3);
      assertThat(done.get("runId").asText()).isEqualTo(id + ".3");
      assertThat(http.get("/api/v1/jobs/" + id + "/logs").body()).contains("succeeded on attempt 3");
      assertThat(http.get("/api/v1/jobs/" + id + "/logs?attempt=1").body()).contains("failing on attempt 1");
      assertThat(http.get("/api/v1/jobs/" + id + "/logs?attempt=2").body()).contains("failing on attempt 2");
      assertThat(http.get("/api/v1/jobs/" + id + "/logs?attempt=4").status()).isEqualTo(400);
      String events = http.get("/api/v1/jobs/" + id + "/events").body();
      assertThat(events).contains("attempt 1 failed (exit code 1); queued again as attempt 2 of 3")
          .contains("attempt 2 failed (exit code 1); queued again as attempt 3 of 3");
    }
  }

  @Test
  void resubmitQueuesANewJobWithTheSameSubmissionAndTheOverrides() throws Exception {
    try (BerthProcess berth = serve()) {
      Http http = berth.http;
      String id = http.submit("{\"template\":\"train\",\"gpus\":0,\"parameters\":{\"lr\":\"0.1\",\"bs\":\"8\"},"
          + "\"timeLimit\":\"1h\"}");
      Await.until("the job to end", T, () -> http.job(id), j -> j.get("state").asText().equals("COMPLETED"));

      Http.Response again = http.postJson("/api/v1/jobs/" + id + "/resubmit", "{\"parameters\":{\"lr\":\"0.5\"}}");
      assertThat(again.status()).as(again.body()).isEqualTo(201);
      String copy = again.json().get("id").asText();
      assertThat(copy).isNotEqualTo(id);
      JsonNode job = http.job(copy);
      assertThat(job.get("parameters").get("lr").asText()).isEqualTo("0.5");
      assertThat(job.get("parameters").get("bs").asText()).isEqualTo("8");
      assertThat(job.get("parameters").size()).isEqualTo(2);
      assertThat(job.get("timeLimitSeconds").asInt()).isEqualTo(3600);
      Await.until("the copy to end", T, () -> http.job(copy), j -> j.get("state").asText().equals("COMPLETED"));
      assertThat(http.get("/api/v1/jobs/" + copy + "/logs").body()).contains("lr=0.5 bs=8");
      Http.Response bad = http.postJson("/api/v1/jobs/" + id + "/resubmit", "{\"template\":\"nap\"}");
      assertThat(bad.status()).isEqualTo(400);
      assertThat(bad.body()).contains("cannot be changed on a resubmission");
    }
  }

  @Test
  void badArraysSweepsDependenciesAndRetriesAre400WithFieldErrorsAndStoreNothing() throws Exception {
    try (BerthProcess berth = serve()) {
      Http http = berth.http;
      String existing = http.submit("{\"template\":\"nap\",\"gpus\":0,\"hold\":true}");
      String next = Long.toString(Long.parseLong(existing) + 1);
      Map<String, String> cases = Map.of(
          "{\"template\":\"nap\",\"array\":\"0-9%x\"}", "\"field\":\"array\"",
          "{\"template\":\"nap\",\"array\":\"0-5000\"}", "more than 1000 jobs",
          "{\"template\":\"train\",\"sweep\":{\"lr\":[\"0.1\",\"../x\"]}}", "\"field\":\"sweep.lr[1]\"",
          "{\"template\":\"nap\",\"dependsOn\":[{\"job\":\"999999\"}]}", "no job 999999",
          // The only cycle a submission could make: waiting for itself, by its own future id.
          "{\"template\":\"nap\",\"dependsOn\":[\"" + next + "\"]}", "no job " + next,
          "{\"template\":\"nap\",\"maxRetries\":11}", "\"field\":\"maxRetries\"",
          "{\"template\":\"nap\",\"dependsOn\":[{\"job\":\"1\",\"when\":\"sometimes\"}]}", "dependsOn[0].when");
      String before = http.get("/api/v1/jobs?limit=1000").body();
      for (Map.Entry<String, String> c : cases.entrySet()) {
        Http.Response r = http.postJson("/api/v1/jobs", c.getKey());
        assertThat(r.status()).as(c.getKey()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.body()).as(c.getKey()).contains(c.getValue());
      }
      assertThat(http.get("/api/v1/jobs?limit=1000").body()).as("nothing stored").isEqualTo(before);
    }
  }

  private BerthProcess serve() throws IOException {
    FakeNvidiaSmi smi = FakeNvidiaSmi.install(tmp.resolve("smi"));
    smi.setGpus(FakeNvidiaSmi.idleGpu(0), FakeNvidiaSmi.idleGpu(1));
    Path config = tmp.resolve("berth.yaml");
    Files.writeString(config, InProcessBerth.config(smi.command()) + """
        executor:
          local:
            killGraceSeconds: 2
            templates:
              step:
                description: Prints its job id and exits with the given code.
                command: ["sh", "-c", "echo step $BERTH_JOB_ID; exit $BERTH_PARAM_CODE"]
                parameters:
                  code: { kind: text, default: "0" }
              nap:
                description: Says its array index, then sleeps.
                command: ["sh", "-c", "echo index $BERTH_ARRAY_INDEX; sleep $BERTH_PARAM_SECONDS"]
                parameters:
                  seconds: { kind: text, default: "1" }
              train:
                description: Prints its parameters.
                command: ["sh", "-c", "echo lr=$BERTH_PARAM_LR bs=$BERTH_PARAM_BS"]
                parameters:
                  lr: { kind: path, default: "0.1" }
                  bs: { kind: text, default: "32" }
              flaky:
                description: Fails until a marker file exists; it writes the marker on its second failure.
                command: ["sh", "-c", "if [ -f marker ]; then echo succeeded on attempt $BERTH_ATTEMPT; exit 0; fi; [ -f failed-once ] && touch marker; touch failed-once; echo failing on attempt $BERTH_ATTEMPT; exit 1"]
        """);
    BerthProcess berth = BerthProcess.serve(config, tmp.resolve("data"), BerthProcess.freePort(), tmp.resolve("berth.log"));
    assertThat(berth.http.putJson("/api/v1/settings/scheduler", "{\"maxRunningJobs\": 4}").status()).isEqualTo(200);
    return berth;
  }
}
