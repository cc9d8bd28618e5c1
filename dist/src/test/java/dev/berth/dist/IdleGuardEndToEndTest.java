package dev.berth.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.berth.testkit.FakeNvidiaSmi;
import dev.berth.testkit.SettableClock;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The idle-GPU guard in the assembled server, with the GPUs faked only at nvidia-smi (the stand-in
 * prints the real ten-field format) and Berth's time on a settable clock: a job whose GPU reports
 * 0 % is reported to its owner's webhook after warnAfterMinutes and, with action cancel, cancelled
 * with the reason; a job at 50 % is never flagged; a busy GPU without a job is flagged.
 */
class IdleGuardEndToEndTest {
  private static final Duration T = Duration.ofSeconds(60);
  private static final String LONG_JOB =
      "{\"user\":\"alice\",\"template\":\"demo\",\"gpus\":1,\"parameters\":{\"seconds\":\"3600\"}}";
  @TempDir Path tmp;

  @Test
  void anIdleJobIsReportedThenCancelledWhileAJobAtFiftyPercentIsLeftAlone() throws Exception {
    FakeNvidiaSmi smi = FakeNvidiaSmi.install(tmp.resolve("smi"));
    smi.setGpus(FakeNvidiaSmi.gpu(0, 0, 81559, 0.0), FakeNvidiaSmi.gpu(1, 2000, 81559, 50.0),
        FakeNvidiaSmi.gpu(2, 30000, 81559, 90.0));
    List<JsonNode> hooks = new CopyOnWriteArrayList<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/", exchange -> {
      hooks.add(new ObjectMapper().readTree(exchange.getRequestBody().readAllBytes()));
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    receiver.start();
    Path secret = tmp.resolve("webhook-secret");
    Files.writeString(secret, "idle-secret\n");
    String yaml = InProcessBerth.config(smi.command()) + """
        extensions:
          listeners: [webhook]
        notify:
          webhook:
            publicUrl: https://berth.lab
            endpoints:
              - { name: lab, url: "http://127.0.0.1:%d/hook", secretFile: "%s", events: [idle, cancelled] }
        """.formatted(receiver.getAddress().getPort(), secret);
    SettableClock clock = new SettableClock(Instant.parse("2026-03-02T09:00:00Z"));
    try (var berth = InProcessBerth.start(tmp.resolve("berth"), yaml, clock)) {
      assertThat(berth.http.putJson("/api/v1/settings/scheduler", "{\"probeIntervalSeconds\": 1, \"maxRunningJobs\": 4}").status())
          .isEqualTo(200);
      String idle = berth.http.submit(LONG_JOB);
      Await.until("the idle job running on GPU 0", T, () -> berth.http.job(idle),
          j -> j.get("state").asText().equals("RUNNING"));
      String busy = berth.http.submit(LONG_JOB);
      JsonNode busyJob = Await.until("the busy job running", T, () -> berth.http.job(busy),
          j -> j.get("state").asText().equals("RUNNING"));
      assertThat(berth.http.job(idle).get("placement").get("gpus").toString()).isEqualTo("[0]");
      assertThat(busyJob.get("placement").get("gpus").toString()).isEqualTo("[1]");
      Await.until("both jobs measured", T, () -> berth.http.get("/api/v1/jobs/" + busy + "/utilization").json(),
          u -> u.get("points").size() >= 1);
      Await.until("the idle job measured", T, () -> berth.http.get("/api/v1/jobs/" + idle + "/utilization").json(),
          u -> u.get("points").size() >= 1);

      clock.advance(Duration.ofMinutes(31));
      JsonNode warned = Await.until("the owner told", T, () -> berth.http.job(idle),
          j -> j.get("message").asText("").startsWith("idle GPU: "));
      assertThat(warned.get("state").asText()).isEqualTo("RUNNING");
      Await.until("the idle webhook", T, () -> hooks, h -> h.stream().anyMatch(b -> b.get("event").asText().equals("idle")));
      assertThat(hooks.get(0).get("job").get("id").asText()).isEqualTo(idle);
      assertThat(berth.http.get("/api/v1/audit?limit=50").body()).contains("job.idle");

      assertThat(berth.http.putJson("/api/v1/settings/idleGuard",
          "{\"action\": \"cancel\", \"cancelAfterMinutes\": 60}").status()).isEqualTo(200);
      clock.advance(Duration.ofMinutes(30));
      JsonNode cancelled = Await.until("the idle job cancelled", T, () -> berth.http.job(idle),
          j -> j.get("state").asText().equals("CANCELLED"));
      assertThat(cancelled.get("message").asText()).startsWith("cancelled by the idle-GPU guard: every GPU of this job"
          + " was under 5 % utilisation for ");
      Await.until("the cancelled webhook", T, () -> hooks,
          h -> h.stream().anyMatch(b -> b.get("event").asText().equals("cancelled")));

      JsonNode busyNow = berth.http.job(busy);
      assertThat(busyNow.get("state").asText()).isEqualTo("RUNNING");
      assertThat(busyNow.path("message").asText("")).doesNotStartWith("idle GPU");
      JsonNode use = berth.http.get("/api/v1/jobs/" + busy + "/utilization").json();
      assertThat(use.get("decision").asText()).isEqualTo("in use");
      assertThat(use.get("idleGpuHours").asDouble()).isZero();
      assertThat(use.get("points").get(0).get("utilizationPercent").asDouble()).isEqualTo(50.0);

      JsonNode gpus = berth.http.get("/api/v1/resources").json().get("nodes").get(0).get("gpus");
      assertThat(gpus.get(1).get("outsideBerth").isNull()).isTrue();
      assertThat(gpus.get(2).get("outsideBerth").asText())
          .isEqualTo("in use outside Berth: 90 % utilisation, 30000 MiB used with no Berth job on it");
      assertThat(berth.http.get("/resources").body()).contains("in use outside Berth");

      JsonNode usage = berth.http.get("/api/v1/usage?since=1d").json().get("groups").get(0);
      assertThat(usage.get("key").asText()).isEqualTo("alice");
      assertThat(usage.get("idleGpuHours").asDouble()).isGreaterThan(0.9);
      assertThat(berth.http.get("/jobs/" + idle).body()).contains("GPU utilisation", "utilization-table");
    } finally {
      receiver.stop(0);
    }
  }
}
