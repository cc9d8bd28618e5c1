package dev.berth.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.testkit.FakeNvidiaSmi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13's Definition of done against the assembled server, run as a child process: two
 * stand-in GPUs, {@code extensions.order: multifactor}, {@code scheduler.backfill: easy},
 * maxRunningJobs 4. Fair share lets a colleague's single job past a user's eight; a 2-GPU job at
 * the head gets a reservation that a short job backfills around and a long one respects; and the
 * reserved job starts within 2 s of its estimate.
 */
class FairSchedulingEndToEndTest {
  private static final String PASSWORD = "a-password-for-tests";
  private static final Duration T = Duration.ofSeconds(60);
  @TempDir Path tmp;

  @Test
  void bobsOneJobStartsNoLaterThanAlicesThird() throws Exception {
    try (BerthProcess berth = serve()) {
      Http admin = berth.http;
      Http alice = admin.as("alice", PASSWORD);
      Http bob = admin.as("bob", PASSWORD);
      List<String> alices = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        alices.add(alice.submit(demo("alice", 1, 3, "1m")));
      }
      String bobs = bob.submit(demo("bob", 1, 3, "1m"));

      Await.until("bob's job to start", T, () -> admin.job(bobs), j -> j.hasNonNull("scheduledAt"));
      Instant bobStarted = Instant.parse(admin.job(bobs).get("scheduledAt").asText());
      JsonNode third = Await.until("alice's third job to start", T, () -> admin.job(alices.get(2)),
          j -> j.hasNonNull("scheduledAt"));
      assertThat(bobStarted).isBeforeOrEqualTo(Instant.parse(third.get("scheduledAt").asText()));

      JsonNode fairshare = admin.get("/api/v1/fairshare").json();
      assertThat(fairshare.toString()).contains("\"alice\"");
      for (String id : alices) {
        admin.postJson("/api/v1/jobs/" + id + "/cancel", "");
      }
    }
  }

  @Test
  void aShortJobBackfillsAroundTheReservedTwoGpuJobAndTheEstimateHolds() throws Exception {
    try (BerthProcess berth = serve()) {
      Http alice = berth.http.as("alice", PASSWORD);
      // Runs 60 s but may run 10 s: it is stopped at its limit, which is what the reservation counts on.
      String running = alice.submit(demo("alice", 1, 60, "10s"));
      JsonNode r = Await.until("the 1-GPU job to run", T, () -> alice.job(running),
          j -> j.get("state").asText().equals("RUNNING"));
      Instant limitEnds = Instant.parse(r.get("startedAt").asText()).plusSeconds(10);

      String wide = alice.submit(demo("alice", 2, 1, "1m"));
      String longOne = alice.submit(demo("alice", 1, 60, "1h"));
      // GPU 1 is free, but the long job would hold it past the reservation.
      JsonNode longView = Await.until("the long job to wait for the reservation", T, () -> alice.job(longOne),
          j -> j.get("waitingReasons").toString().contains("RESERVED"));
      assertThat(longView.get("state").asText()).isEqualTo("QUEUED");
      assertThat(longView.get("waitingReasons").get(0).get("message").asText()).contains("for job " + wide);
      String shortOne = alice.submit(demo("alice", 1, 1, "5s"));

      Await.until("the short job to backfill at once", Duration.ofSeconds(5), () -> alice.job(shortOne),
          j -> j.hasNonNull("scheduledAt"));
      JsonNode queued = Await.until("the wide job's estimate", T, () -> alice.job(wide),
          j -> j.hasNonNull("estimatedStartAt"));
      Instant estimate = Instant.parse(queued.get("estimatedStartAt").asText());
      assertThat(Duration.between(limitEnds, estimate).abs()).isLessThanOrEqualTo(Duration.ofSeconds(1));

      JsonNode started = Await.until("the wide job to start", T, () -> alice.job(wide), j -> j.hasNonNull("startedAt"));
      Instant actual = Instant.parse(started.get("startedAt").asText());
      assertThat(Duration.between(estimate, actual).abs()).as("estimate %s, start %s", estimate, actual)
          .isLessThanOrEqualTo(Duration.ofSeconds(2));
      assertThat(alice.job(running).get("state").asText()).isEqualTo("TIMED_OUT");
      assertThat(alice.job(longOne).get("scheduledAt").isNull() || !alice.job(longOne).has("scheduledAt")
          || !Instant.parse(alice.job(longOne).get("scheduledAt").asText()).isBefore(actual))
          .as("the long job did not start before the reserved one").isTrue();
      alice.postJson("/api/v1/jobs/" + longOne + "/cancel", "");
    }
  }

  @Test
  void badOrderAndBackfillValuesAreRefusedAndNothingIsStored() throws Exception {
    try (BerthProcess berth = serve()) {
      Http admin = berth.http;
      Http.Response bad = admin.putJson("/api/v1/settings/scheduler", "{\"backfill\": \"aggressive\"}");
      assertThat(bad.status()).isEqualTo(400);
      assertThat(bad.contentType()).startsWith("application/problem+json");
      assertThat(bad.body()).contains("backfill").contains("must be one of none, easy");
      assertThat(admin.get("/api/v1/settings/scheduler").body()).contains("\"backfill\":\"easy\"");
      Http.Response negative = admin.putJson("/api/v1/settings/limits", "{\"maxGpusPerUser\": -1}");
      assertThat(negative.status()).isEqualTo(400);
      Http alice = admin.as("alice", PASSWORD);
      Http.Response priority = alice.postJson("/api/v1/jobs",
          "{\"user\":\"alice\",\"template\":\"demo\",\"gpus\":0,\"priority\":5}");
      assertThat(priority.status()).isEqualTo(403);
      assertThat(priority.contentType()).startsWith("application/problem+json");
    }
    Path config = tmp.resolve("unknown-order.yaml");
    Files.writeString(config, "extensions:\n  order: fastest\n");
    Path log = tmp.resolve("unknown-order.log");
    int exit = BerthProcess.run(log, "serve", "--config", config.toString(), "--port", "0",
        "--data-dir", tmp.resolve("data-unknown").toString());
    assertThat(exit).isNotZero();
    assertThat(BerthProcess.read(log)).contains("fastest").doesNotContain("\tat ");
  }

  private BerthProcess serve() throws IOException {
    FakeNvidiaSmi smi = FakeNvidiaSmi.install(tmp.resolve("smi"));
    smi.setGpus(FakeNvidiaSmi.idleGpu(0), FakeNvidiaSmi.idleGpu(1));
    Path config = tmp.resolve("berth.yaml");
    Files.writeString(config, InProcessBerth.config(smi.command()) + """
        extensions:
          order: multifactor
        executor:
          local:
            killGraceSeconds: 2
        """);
    BerthProcess berth = BerthProcess.serve(config, tmp.resolve("data"), BerthProcess.freePort(), tmp.resolve("berth.log"));
    Http admin = berth.http;
    for (String user : new String[] {"alice", "bob"}) {
      assertThat(admin.postJson("/api/v1/users", "{\"username\":\"" + user + "\",\"password\":\"" + PASSWORD + "\"}")
          .status()).isEqualTo(201);
    }
    assertThat(admin.putJson("/api/v1/settings/scheduler", "{\"maxRunningJobs\": 4, \"backfill\": \"easy\"}").status())
        .isEqualTo(200);
    return berth;
  }

  private static String demo(String user, int gpus, int seconds, String limit) {
    return "{\"user\":\"" + user + "\",\"template\":\"demo\",\"gpus\":" + gpus + ",\"timeLimit\":\"" + limit
        + "\",\"parameters\":{\"seconds\":\"" + seconds + "\"}}";
  }
}
