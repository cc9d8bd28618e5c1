package dev.berth.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.testkit.FakeNvidiaSmi;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The single-machine defaults end to end: the real plugin jars, real HTTP, real SQLite, real child
 * processes; the GPU faked only by an nvidia-smi stand-in script.
 */
class SingleMachineTest {
  private static final Duration T = Duration.ofSeconds(30);
  @TempDir Path tmp;

  @Test
  void cpuOnlyDemoJobRunsOnAMachineWithoutGpuWhileGpuJobsWaitWithAReason() {
    try (var berth = InProcessBerth.start(tmp, InProcessBerth.config(tmp.resolve("no-such/nvidia-smi")))) {
      Http http = berth.http;
      String gpuJob = http.submit("{\"user\":\"alice\",\"template\":\"demo\",\"gpus\":1,\"parameters\":{\"seconds\":\"1\"}}");
      JsonNode queue = Await.until("the GPU job to be blocked", T, () -> http.get("/api/v1/queue").json(),
          q -> q.get("queued").size() == 1 && WaitingReasons.has(q.get("queued").get(0), "RESOURCES", "no GPU detected"));
      assertThat(queue.get("queued").get(0).get("id").asText()).isEqualTo(gpuJob);
      assertThat(queue.get("queued").get(0).get("position").asInt()).isEqualTo(1);

      // The blocked GPU job heads the FIFO queue, so cancel it to let the CPU job through.
      assertThat(http.post("/api/v1/jobs/" + gpuJob + "/cancel", "application/json", "").status()).isEqualTo(200);

      String cpuJob = http.submit("{\"user\":\"alice\",\"template\":\"demo\",\"gpus\":0,\"parameters\":{\"seconds\":\"1\"}}");
      JsonNode done = Await.until("the CPU job to complete", T, () -> http.job(cpuJob), j -> j.get("state").asText().equals("COMPLETED"));
      assertThat(done.get("exitCode").asInt()).isZero();
      assertThat(done.get("placement").get("gpus")).isEmpty();
      String log = http.get("/api/v1/jobs/" + cpuJob + "/logs?tail=50").body();
      assertThat(log).contains("job " + cpuJob + " of alice").contains("CUDA_VISIBLE_DEVICES=[]").contains("step 1").contains("done");
      JsonNode events = http.get("/api/v1/jobs/" + cpuJob + "/events").json().get("events");
      assertThat(events.findValuesAsText("to")).containsExactly("QUEUED", "SCHEDULED", "RUNNING", "COMPLETED");

      JsonNode resources = http.get("/api/v1/resources").json();
      assertThat(resources.get("nodes").get(0).get("gpus")).isEmpty();
      assertThat(resources.get("nodes").get(0).get("errors").toString()).contains("not found");
    }
  }

  @Test
  void busyGpuKeepsAJobQueuedUntilTheThresholdIsRaisedWithoutRestart() {
    FakeNvidiaSmi smi = FakeNvidiaSmi.install(tmp.resolve("smi"));
    smi.setGpus(FakeNvidiaSmi.gpu(0, 4000, 10240, 85.0));
    try (var berth = InProcessBerth.start(tmp, InProcessBerth.config(smi.command()))) {
      Http http = berth.http;
      String id = http.submit("{\"user\":\"alice\",\"template\":\"demo\",\"gpus\":1,\"parameters\":{\"seconds\":\"1\"}}");
      JsonNode queue = Await.until("a utilization reason", T, () -> http.get("/api/v1/queue").json(),
          q -> q.get("queued").size() == 1 && WaitingReasons.has(q.get("queued").get(0), "RESOURCES", "utilization"));
      assertThat(WaitingReasons.messages(queue.get("queued").get(0), "RESOURCES")).as("a busy GPU waits with code RESOURCES")
          .anySatisfy(m -> assertThat(m).contains("GPU 0", "85", "80"));
      JsonNode gpu = http.get("/api/v1/resources").json().get("nodes").get(0).get("gpus").get(0);
      assertThat(gpu.get("eligible").asBoolean()).isFalse();
      assertThat(gpu.get("reasons").toString()).contains("85");
      assertThat(http.job(id).get("state").asText()).isEqualTo("QUEUED");

      Http.Response put = http.putJson("/api/v1/settings/thresholds", "{\"gpuUtilizationMaxPercent\": 90}");
      assertThat(put.status()).isEqualTo(200);
      assertThat(put.json().get("values").get("gpuUtilizationMaxPercent").asText()).isEqualTo("90");

      JsonNode done = Await.until("the job to run after the change", T, () -> http.job(id), j -> j.get("state").asText().equals("COMPLETED"));
      assertThat(done.get("placement").get("gpus").get(0).asInt()).isZero();
      assertThat(http.get("/api/v1/jobs/" + id + "/logs").body()).contains("CUDA_VISIBLE_DEVICES=[0]");
    }
  }

  @Test
  void aHotGpuKeepsAJobQueuedOnceATemperatureLimitIsSet() {
    FakeNvidiaSmi smi = FakeNvidiaSmi.install(tmp.resolve("smi"));
    smi.setGpus(FakeNvidiaSmi.idleGpu(0).withTemperatureC(88.0));
    try (var berth = InProcessBerth.start(tmp, InProcessBerth.config(smi.command()))) {
      Http http = berth.http;
      JsonNode gpu = Await.until("a sample", T, () -> http.get("/api/v1/resources").json(),
          r -> r.get("nodes").size() == 1 && r.get("nodes").get(0).get("gpus").size() == 1)
          .get("nodes").get(0).get("gpus").get(0);
      assertThat(gpu.get("temperatureC").asDouble()).isEqualTo(88.0);
      assertThat(gpu.get("eligible").asBoolean()).as("no temperature limit by default").isTrue();

      assertThat(http.putJson("/api/v1/settings/thresholds", "{\"gpuTemperatureMaxC\": 85}").status()).isEqualTo(200);
      String id = http.submit("{\"user\":\"alice\",\"template\":\"demo\",\"gpus\":1,\"parameters\":{\"seconds\":\"1\"}}");
      JsonNode queue = Await.until("a temperature reason", T, () -> http.get("/api/v1/queue").json(),
          q -> q.get("queued").size() == 1 && q.get("queued").get(0).get("waitingReasons").toString().contains("temperature"));
      assertThat(queue.get("queued").get(0).get("waitingReasons").toString()).contains("GPU 0 temperature 88 °C ≥ 85 °C");
      assertThat(http.job(id).get("state").asText()).isEqualTo("QUEUED");

      smi.setGpus(FakeNvidiaSmi.idleGpu(0));
      Await.until("the job to run once the GPU cooled", T, () -> http.job(id), j -> j.get("state").asText().equals("COMPLETED"));
    }
  }

  @Test
  void jobsRunOneAtATimeInFifoOrderByDefault() {
    try (var berth = InProcessBerth.start(tmp, InProcessBerth.config(tmp.resolve("none/nvidia-smi")))) {
      Http http = berth.http;
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        ids.add(http.submit("{\"user\":\"u" + i + "\",\"template\":\"demo\",\"gpus\":0,\"parameters\":{\"seconds\":\"1\"}}"));
      }
      List<JsonNode> jobs = new ArrayList<>();
      for (String id : ids) {
        jobs.add(Await.until("job " + id + " to complete", T, () -> http.job(id), j -> j.get("state").asText().equals("COMPLETED")));
      }
      for (int i = 1; i < jobs.size(); i++) {
        Instant previousEnd = Instant.parse(jobs.get(i - 1).get("finishedAt").asText());
        Instant start = Instant.parse(jobs.get(i).get("scheduledAt").asText());
        assertThat(start).as("job %s scheduled after job %s ended", ids.get(i), ids.get(i - 1)).isAfterOrEqualTo(previousEnd);
      }
    }
  }

  @Test
  void withTwoGpusAndTwoSlotsTwoJobsRunAtOnceOnDifferentGpus() {
    FakeNvidiaSmi smi = FakeNvidiaSmi.install(tmp.resolve("smi"));
    smi.setGpus(FakeNvidiaSmi.idleGpu(0), FakeNvidiaSmi.idleGpu(1));
    try (var berth = InProcessBerth.start(tmp, InProcessBerth.config(smi.command()))) {
      Http http = berth.http;
      assertThat(http.putJson("/api/v1/settings/scheduler", "{\"maxRunningJobs\": 2}").status()).isEqualTo(200);
      String a = http.submit("{\"user\":\"alice\",\"template\":\"demo\",\"gpus\":1,\"parameters\":{\"seconds\":\"3\"}}");
      String b = http.submit("{\"user\":\"bob\",\"template\":\"demo\",\"gpus\":1,\"parameters\":{\"seconds\":\"3\"}}");
      Await.until("both jobs running at once", T, () -> http.get("/api/v1/queue").json().get("running"), r -> r.size() == 2);
      JsonNode ja = Await.until("job a done", T, () -> http.job(a), j -> j.get("state").asText().equals("COMPLETED"));
      JsonNode jb = Await.until("job b done", T, () -> http.job(b), j -> j.get("state").asText().equals("COMPLETED"));
      assertThat(List.of(ja.get("placement").get("gpus").get(0).asInt(), jb.get("placement").get("gpus").get(0).asInt()))
          .containsExactlyInAnyOrder(0, 1);
      String logs = http.get("/api/v1/jobs/" + a + "/logs").body() + http.get("/api/v1/jobs/" + b + "/logs").body();
      assertThat(logs).contains("CUDA_VISIBLE_DEVICES=[0]").contains("CUDA_VISIBLE_DEVICES=[1]");
    }
  }

  @Test
  void cancellingARunningJobStopsItAndAFinishedOneIsAConflict() {
    try (var berth = InProcessBerth.start(tmp, InProcessBerth.config(tmp.resolve("none/nvidia-smi")))) {
      Http http = berth.http;
      String id = http.submit("{\"user\":\"alice\",\"template\":\"demo\",\"gpus\":0,\"parameters\":{\"seconds\":\"60\"}}");
      Await.until("running", T, () -> http.job(id), j -> j.get("state").asText().equals("RUNNING"));
      Http.Response cancel = http.post("/api/v1/jobs/" + id + "/cancel", "application/json", "");
      assertThat(cancel.status()).isIn(200, 202);
      Await.until("cancelled", T, () -> http.job(id), j -> j.get("state").asText().equals("CANCELLED"));
      Http.Response again = http.post("/api/v1/jobs/" + id + "/cancel", "application/json", "");
      assertThat(again.status()).isEqualTo(409);
      assertThat(again.contentType()).startsWith("application/problem+json");
      assertThat(http.get("/api/v1/jobs/99999").status()).isEqualTo(404);
      assertThat(http.get("/api/v1/jobs/not-a-number").status()).isEqualTo(404);
    }
  }

  @Test
  void aJobTheExecutorRefusesFailsWithTheReasonAndTheQueueMovesOn() {
    String yaml = InProcessBerth.config(tmp.resolve("none/nvidia-smi")) + """
        executor:
          local:
            templates:
              scratch:
                command: ["true"]
                workDir: "${dir}"
                parameters:
                  dir: { kind: text }
        """;
    try (var berth = InProcessBerth.start(tmp, yaml)) {
      Http http = berth.http;
      String refused = http.submit("{\"user\":\"alice\",\"template\":\"scratch\",\"gpus\":0,\"parameters\":{\"dir\":\"../../../etc\"}}");
      String fine = http.submit("{\"user\":\"alice\",\"template\":\"scratch\",\"gpus\":0,\"parameters\":{\"dir\":\"ok\"}}");
      JsonNode failed = Await.until("the refused job to fail", T, () -> http.job(refused), j -> j.get("state").asText().equals("FAILED"));
      assertThat(failed.get("message").asText()).startsWith("could not start: ").contains("outside the work root");
      Await.until("the next job to run", T, () -> http.job(fine), j -> j.get("state").asText().equals("COMPLETED"));
      assertThat(http.get("/api/v1/jobs/" + refused + "/events").json().get("events").findValuesAsText("to"))
          .containsExactly("QUEUED", "SCHEDULED", "FAILED");
    }
  }

  @Test
  void theReferenceDesignsSubmitEndpointQueuesOnTheDefaultTemplate() {
    try (var berth = InProcessBerth.start(tmp, InProcessBerth.config(tmp.resolve("none/nvidia-smi")))) {
      Http http = berth.http;
      Http.Response r = http.post("/submit", "application/x-www-form-urlencoded",
          "user=alice&config=configs%2Fntu60_xsub%2Fj.py&workdir=runs%2Fj1");
      assertThat(r.status()).isEqualTo(201);
      assertThat(r.json().get("template").asText()).isEqualTo("proto-gcn");
      assertThat(r.json().get("parameters").get("config-file").asText()).isEqualTo("configs/ntu60_xsub/j.py");
      assertThat(r.json().get("parameters").get("work-dir").asText()).isEqualTo("runs/j1");
      Http.Response bad = http.postJson("/submit", "{\"user\":\"alice\",\"config\":\"c.py\",\"workdir\":\"/etc\"}");
      assertThat(bad.status()).isEqualTo(400);
      assertThat(bad.json().get("errors").get(0).get("field").asText()).isEqualTo("workdir");
    }
  }

  @Test
  void operatorEndpointsAnswer() {
    try (var berth = InProcessBerth.start(tmp, InProcessBerth.config(tmp.resolve("none/nvidia-smi")))) {
      Http http = berth.http;
      assertThat(http.get("/healthz").status()).isEqualTo(200);
      assertThat(http.get("/readyz").status()).isEqualTo(200);
      http.submit("{\"user\":\"alice\",\"template\":\"demo\",\"gpus\":1}");
      String metrics = http.get("/metrics").body();
      assertThat(metrics).contains("berth_jobs{state=\"QUEUED\"} 1.0").contains("berth_submissions_total 1.0")
          .contains("berth_probe_duration_seconds");
      JsonNode plugins = http.get("/api/v1/plugins").json().get("plugins");
      assertThat(plugins.findValuesAsText("id"))
          .contains("fifo", "local", "nvidia-smi", "sqlite", "thresholds", "redis", "argo", "cluster", "dcgm");
      assertThat(plugins.findValuesAsText("state")).containsOnly("STARTED");
      List<String> active = new ArrayList<>();
      plugins.forEach(p -> p.get("extensions").forEach(e -> {
        if (e.get("active").asBoolean()) {
          active.add(p.get("id").asText() + ":" + e.get("point").asText());
        }
      }));
      assertThat(active).containsExactlyInAnyOrder("fifo:QueueOrder", "local:JobExecutor", "nvidia-smi:ResourceProbe",
          "sqlite:QueueStore", "thresholds:AvailabilityPolicy");
      JsonNode settings = http.get("/api/v1/settings").json();
      assertThat(settings.get("thresholds").get("values").get("gpuMemoryFreeMinMiB").asText()).isEqualTo("2048");
      assertThat(settings.get("thresholds").get("values").get("gpuUtilizationMaxPercent").asText()).isEqualTo("80");
      assertThat(settings.get("thresholds").get("values").get("cpuUsageMaxPercent").asText()).isEqualTo("90");
      assertThat(settings.get("thresholds").get("values").get("memoryUsageMaxPercent").asText()).isEqualTo("85");
      assertThat(settings.get("scheduler").get("values").get("maxRunningJobs").asText()).isEqualTo("1");
      assertThat(settings.get("scheduler").get("values").get("probeIntervalSeconds").asText()).isEqualTo("5");
      JsonNode templates = http.get("/api/v1/templates").json();
      assertThat(templates.get("templates").findValuesAsText("name")).contains("demo", "proto-gcn");
    }
  }

  @Test
  void badSettingsAreRefusedWithFieldErrors() {
    try (var berth = InProcessBerth.start(tmp, InProcessBerth.config(tmp.resolve("none/nvidia-smi")))) {
      Http http = berth.http;
      Http.Response r = http.putJson("/api/v1/settings/thresholds", "{\"gpuUtilizationMaxPercent\": 101, \"cpuUsageMaxPercent\": \"lots\", \"nope\": 1}");
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.contentType()).startsWith("application/problem+json");
      assertThat(r.json().get("errors").findValuesAsText("field"))
          .containsExactlyInAnyOrder("gpuUtilizationMaxPercent", "cpuUsageMaxPercent", "nope");
      assertThat(http.get("/api/v1/settings/thresholds").json().get("version").asLong()).isZero();
      assertThat(http.putJson("/api/v1/settings/nope", "{}").status()).isEqualTo(404);
      assertThat(http.putJson("/api/v1/settings/scheduler", "[1]").status()).isEqualTo(400);
    }
  }
}
