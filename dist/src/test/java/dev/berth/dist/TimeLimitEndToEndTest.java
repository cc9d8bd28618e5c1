package dev.berth.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.testkit.RedisServerProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Time limits against the assembled server: a {@code sleep 60} with a 3 s limit ends TIMED_OUT
 * within killGraceSeconds + 5 s of its limit, on SQLite and on Redis; its owner raises a limit with
 * PATCH (audited), a non-owner is refused, and a limit over the maximum is a field error that
 * changes nothing.
 */
class TimeLimitEndToEndTest {
  private static final int GRACE_SECONDS = 2;
  private static final String PASSWORD = "a-password-for-tests";
  @TempDir Path tmp;

  @Test
  void aJobStopsAtItsLimitOnSqliteAndItsOwnerRaisesALimit() throws Exception {
    Path config = write(tmp.resolve("berth.yaml"), "");
    try (BerthProcess berth = BerthProcess.serve(config, tmp.resolve("data"), BerthProcess.freePort(), tmp.resolve("berth.log"))) {
      Http admin = berth.http;
      Http alice = users(admin);
      assertThat(admin.putJson("/api/v1/settings/scheduler", "{\"maxRunningJobs\": 2}").status()).isEqualTo(200);

      endsTimedOut(alice);

      String id = alice.submit(sleep("1h"));
      Await.until("job " + id + " to run", Duration.ofSeconds(60), () -> alice.job(id),
          j -> j.get("state").asText().equals("RUNNING"));

      Http.Response raised = patch(alice, id, "{\"timeLimit\": \"4h\"}");
      assertThat(raised.status()).isEqualTo(200);
      assertThat(raised.json().get("timeLimitSeconds").asInt()).isEqualTo(4 * 3600);
      assertThat(alice.job(id).get("timeLimitSeconds").asInt()).isEqualTo(4 * 3600);

      Http.Response lowered = patch(alice, id, "{\"timeLimit\": \"30m\"}");
      assertThat(lowered.status()).isEqualTo(400);
      assertThat(lowered.body()).contains("timeLimit").contains("only be raised");

      Http.Response tooLong = patch(alice, id, "{\"timeLimit\": \"8d\"}");
      assertThat(tooLong.status()).isEqualTo(400);
      assertThat(tooLong.contentType()).startsWith("application/problem+json");
      assertThat(tooLong.body()).contains("timeLimit").contains("at most 7d");

      Http.Response malformed = patch(alice, id, "{\"timeLimit\": \"soon\"}");
      assertThat(malformed.status()).isEqualTo(400);
      assertThat(alice.job(id).get("timeLimitSeconds").asInt()).as("nothing stored").isEqualTo(4 * 3600);

      Http bob = admin.as("bob", PASSWORD);
      Http.Response refused = patch(bob, id, "{\"timeLimit\": \"5h\"}");
      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.contentType()).startsWith("application/problem+json");

      JsonNode audit = admin.get("/api/v1/audit").json();
      assertThat(audit.toString()).contains("job.timeLimit").contains("1h → 4h");

      Http.Response overMax = alice.postJson("/api/v1/jobs", sleep("8d"));
      assertThat(overMax.status()).isEqualTo(400);
      assertThat(overMax.body()).contains("timeLimit");
      Http.Response negative = alice.postJson("/api/v1/jobs",
          "{\"user\":\"alice\",\"template\":\"sleep\",\"gpus\":0,\"timeLimit\":-5}");
      assertThat(negative.status()).isEqualTo(400);
      assertThat(negative.body()).contains("timeLimit");

      assertThat(alice.postJson("/api/v1/jobs/" + id + "/cancel", "").status()).isIn(200, 202);
      Await.until("job " + id + " to be cancelled", Duration.ofSeconds(60), () -> alice.job(id),
          j -> j.get("state").asText().equals("CANCELLED"));
    }
  }

  @Test
  void aJobStopsAtItsLimitOnRedis() throws Exception {
    try (RedisServerProcess redis = RedisServerProcess.start(tmp.resolve("redis"), RedisServerProcess.Options.durable())) {
      Path config = write(tmp.resolve("berth.yaml"), """
          extensions:
            store: redis
          store:
            redis:
              url: "%s"
          """.formatted(redis.url()));
      try (BerthProcess berth = BerthProcess.serve(config, tmp.resolve("data"), BerthProcess.freePort(), tmp.resolve("berth.log"))) {
        endsTimedOut(users(berth.http));
      }
    }
  }

  private static void endsTimedOut(Http alice) {
    String id = alice.submit(sleep("3s"));
    assertThat(alice.job(id).get("timeLimitSeconds").asInt()).isEqualTo(3);
    Await.until("job " + id + " to run", Duration.ofSeconds(60), () -> alice.job(id),
        j -> !j.get("state").asText().equals("QUEUED") && !j.get("state").asText().equals("SCHEDULED"));
    JsonNode end = Await.until("job " + id + " to time out", Duration.ofSeconds(3 + GRACE_SECONDS + 5),
        () -> alice.job(id), j -> j.get("state").asText().equals("TIMED_OUT"));
    assertThat(end.get("message").asText()).contains("time limit of 3s");
    assertThat(alice.get("/api/v1/jobs/" + id + "/events").json().findValuesAsText("to")).contains("TIMED_OUT");
  }

  /** Creates alice and bob; answers a client signed in as alice. */
  private static Http users(Http admin) {
    for (String user : new String[] {"alice", "bob"}) {
      assertThat(admin.postJson("/api/v1/users", "{\"username\":\"" + user + "\",\"password\":\"" + PASSWORD + "\"}")
          .status()).isEqualTo(201);
    }
    return admin.as("alice", PASSWORD);
  }

  private static String sleep(String limit) {
    return "{\"user\":\"alice\",\"template\":\"sleep\",\"gpus\":0,\"timeLimit\":\"" + limit + "\"}";
  }

  private static Http.Response patch(Http http, String id, String body) {
    return http.send(HttpRequest.newBuilder(URI.create(http.base() + "/api/v1/jobs/" + id))
        .header("Content-Type", "application/json")
        .method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
  }

  private static Path write(Path file, String store) throws IOException {
    String yaml = store + InProcessBerth.config(file.resolveSibling("no-gpu/nvidia-smi")) + """
        executor:
          local:
            killGraceSeconds: %d
            templates:
              sleep:
                description: Sleeps a minute.
                command: ["sleep", "60"]
        """.formatted(GRACE_SECONDS);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, yaml);
  }
}
