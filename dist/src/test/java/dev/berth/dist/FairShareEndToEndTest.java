package dev.berth.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.api.UsageAccrual;
import dev.berth.testkit.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The usage ledger and shares through real HTTP against Berth with its bundled SQLite store: usage
 * accrued in the store (as the scheduler does while jobs hold GPUs) and shares set by an admin come
 * back from {@code GET /api/v1/fairshare} with the figures worked out by hand, decayed by Berth's
 * clock; bad shares are refused and change nothing.
 */
class FairShareEndToEndTest {
  private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
  private static final Duration HALF_LIFE = Duration.ofHours(168);
  @TempDir Path tmp;

  @Test
  void usageAndSharesGiveTheFactorsWorkedOutByHand() {
    SettableClock clock = new SettableClock(T0);
    try (var berth = InProcessBerth.start(tmp, InProcessBerth.config(tmp.resolve("none/nvidia-smi")), clock)) {
      for (String user : List.of("alice", "bob")) {
        assertThat(berth.http.postJson("/api/v1/users",
            "{\"username\":\"" + user + "\",\"password\":\"" + user + "-secret-pw\"}").status()).isEqualTo(201);
      }
      Http alice = berth.http.as("alice", "alice-secret-pw");
      Http.Response shares = berth.http.patchJson("/api/v1/users/bob", "{\"shares\":3}");
      assertThat(shares.status()).as(shares.body()).isEqualTo(200);
      assertThat(shares.json().get("shares").asInt()).isEqualTo(3);

      // Before any usage: every factor is 1, and every account is listed.
      JsonNode empty = alice.get("/api/v1/fairshare").json();
      assertThat(empty.get("ledgerKept").asBoolean()).isTrue();
      assertThat(empty.get("halfLifeHours").asDouble()).isEqualTo(168.0);
      assertThat(users(empty)).containsExactly("admin", "alice", "bob");
      for (JsonNode row : empty.get("users")) {
        assertThat(row.get("factor").asDouble()).isEqualTo(1.0);
        assertThat(row.get("gpuSeconds").asDouble()).isZero();
      }

      String aliceJob = berth.http.submit("{\"user\":\"alice\",\"template\":\"demo\",\"gpus\":2}");
      String bobJob = berth.http.submit("{\"user\":\"bob\",\"template\":\"demo\",\"gpus\":1}");
      // The scheduler's part: alice's job held 2 GPUs for 600 s, bob's 1 GPU for 400 s; sent twice.
      List<UsageAccrual> accruals = List.of(
          new UsageAccrual(aliceJob, "alice", 2, T0, T0.plusSeconds(600)),
          new UsageAccrual(bobJob, "bob", 1, T0, T0.plusSeconds(400)));
      berth.server.store().accrueUsage(accruals, HALF_LIFE);
      berth.server.store().accrueUsage(accruals, HALF_LIFE);
      clock.set(T0.plusSeconds(600));

      Http.Response answer = alice.get("/api/v1/fairshare");
      assertThat(answer.status()).isEqualTo(200);
      JsonNode table = answer.json();
      assertThat(Instant.parse(table.get("at").asText())).isEqualTo(T0.plusSeconds(600));
      assertThat(users(table)).containsExactly("admin", "alice", "bob");
      double bobDecayed = 400 * Math.pow(2, -200.0 / HALF_LIFE.toSeconds());
      double total = 1200 + bobDecayed;
      // Shares: admin 1, alice 1, bob 3, so S is 1/5 for alice and 3/5 for bob.
      JsonNode a = row(table, "alice");
      assertThat(a.get("gpuSeconds").asDouble()).isCloseTo(1200, within(1e-6));
      assertThat(a.get("decayedGpuSeconds").asDouble()).isCloseTo(1200, within(1e-6));
      assertThat(a.get("shares").asInt()).isEqualTo(1);
      assertThat(a.get("usageShare").asDouble()).isCloseTo(1200 / total, within(1e-9));
      assertThat(a.get("labShare").asDouble()).isCloseTo(0.2, within(1e-9));
      assertThat(a.get("factor").asDouble()).isCloseTo(Math.pow(2, -(1200 / total) / 0.2), within(1e-9));
      JsonNode b = row(table, "bob");
      assertThat(b.get("gpuSeconds").asDouble()).isCloseTo(400, within(1e-6));
      assertThat(b.get("decayedGpuSeconds").asDouble()).isCloseTo(bobDecayed, within(1e-6));
      assertThat(b.get("shares").asInt()).isEqualTo(3);
      assertThat(b.get("factor").asDouble()).isCloseTo(Math.pow(2, -(bobDecayed / total) / 0.6), within(1e-9));
      assertThat(row(table, "admin").get("factor").asDouble()).isEqualTo(1.0);

      // One half-life later, decayed usage has halved and raw usage has not.
      clock.set(T0.plusSeconds(600).plus(HALF_LIFE));
      JsonNode later = alice.get("/api/v1/fairshare").json();
      assertThat(row(later, "alice").get("decayedGpuSeconds").asDouble()).isCloseTo(600, within(1e-6));
      assertThat(row(later, "alice").get("gpuSeconds").asDouble()).isCloseTo(1200, within(1e-6));
      assertThat(row(later, "alice").get("factor").asDouble())
          .as("both halved: the same parts, the same factor")
          .isCloseTo(a.get("factor").asDouble(), within(1e-9));
    }
  }

  @Test
  void badSharesAreRefusedWithAFieldErrorAndNothingIsStored() {
    try (var berth = InProcessBerth.start(tmp, InProcessBerth.config(tmp.resolve("none/nvidia-smi")))) {
      berth.http.postJson("/api/v1/users", "{\"username\":\"alice\",\"password\":\"alice-secret-pw\"}");
      for (String bad : List.of("0", "-1", "1000001", "2.5", "\"3\"", "true", "99999999999")) {
        Http.Response r = berth.http.patchJson("/api/v1/users/alice", "{\"shares\":" + bad + ",\"admin\":true}");
        assertThat(r.status()).as(bad).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("shares");
        assertThat(r.json().get("errors").get(0).get("message").asText()).contains("1 to 1000000");
      }
      JsonNode alice = berth.http.get("/api/v1/users/alice").json();
      assertThat(alice.get("shares").asInt()).isEqualTo(1);
      assertThat(alice.get("admin").asBoolean()).as("nothing of a refused change is stored").isFalse();
      assertThat(berth.http.get("/api/v1/audit").body()).doesNotContain("shares:");

      Http.Response ok = berth.http.patchJson("/api/v1/users/alice", "{\"shares\":1000000}");
      assertThat(ok.status()).isEqualTo(200);
      assertThat(berth.http.get("/api/v1/users").body()).contains("\"shares\":1000000");
      assertThat(berth.http.get("/api/v1/audit").body()).contains("shares: 1 → 1000000");
      Http alice2 = berth.http.as("alice", "alice-secret-pw");
      assertThat(alice2.patchJson("/api/v1/users/alice", "{\"shares\":5}").status()).as("admins only").isEqualTo(403);
    }
  }

  private static List<String> users(JsonNode table) {
    return java.util.stream.StreamSupport.stream(table.get("users").spliterator(), false)
        .map(r -> r.get("user").asText()).toList();
  }

  private static JsonNode row(JsonNode table, String user) {
    for (JsonNode r : table.get("users")) {
      if (r.get("user").asText().equals(user)) {
        return r;
      }
    }
    throw new AssertionError("no row for " + user + " in " + table);
  }
}
