package dev.berth.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Priority means something only if users cannot all raise their own: a user may lower their job's
 * priority, and only an admin may set it above 0. Refused submissions store nothing.
 */
class PriorityRulesTest {
  @TempDir Path tmp;

  @Test
  void onlyAnAdminRaisesPriorityAndAnyoneLowersTheirOwn() {
    try (var berth = InProcessBerth.start(tmp, InProcessBerth.config(tmp.resolve("none/nvidia-smi")))) {
      assertThat(berth.http.postJson("/api/v1/users",
          "{\"username\":\"alice\",\"password\":\"alice-secret-pw\",\"admin\":false}").status()).isEqualTo(201);
      Http alice = new Http(berth.server.port()).as("alice", "alice-secret-pw");

      for (String raised : new String[] {"5", "1000", "0.5"}) {
        Http.Response r = alice.postJson("/api/v1/jobs", "{\"template\":\"demo\",\"gpus\":0,\"priority\":" + raised + "}");
        assertThat(r.status()).as(raised).isEqualTo(403);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("detail").asText()).contains("only an admin may set a priority above 0");
      }
      assertThat(alice.postJson("/api/v1/jobs?dryRun=true", "{\"template\":\"demo\",\"gpus\":0,\"priority\":3}").status())
          .as("a dry run follows the same rule").isEqualTo(403);
      assertThat(berth.http.get("/api/v1/jobs").json().get("jobs")).as("nothing reached the store").isEmpty();

      Http.Response lowered = alice.postJson("/api/v1/jobs", "{\"template\":\"demo\",\"gpus\":0,\"priority\":-5}");
      assertThat(lowered.status()).isEqualTo(201);
      assertThat(lowered.json().get("priority").asInt()).isEqualTo(-5);
      assertThat(alice.postJson("/api/v1/jobs", "{\"template\":\"demo\",\"gpus\":0,\"priority\":0}").status()).isEqualTo(201);

      Http.Response byAdmin = berth.http.postJson("/api/v1/jobs",
          "{\"user\":\"alice\",\"template\":\"demo\",\"gpus\":0,\"priority\":500}");
      assertThat(byAdmin.status()).isEqualTo(201);
      assertThat(byAdmin.json().get("priority").asInt()).isEqualTo(500);
    }
  }
}
