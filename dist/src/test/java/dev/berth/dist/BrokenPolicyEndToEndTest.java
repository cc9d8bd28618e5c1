package dev.berth.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.testkit.FakeNvidiaSmi;
import dev.berth.testkit.BrokenPolicyJars;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A third-party policy jar that throws, dropped beside the bundled plugins: the assembled server
 * keeps a job that would otherwise run waiting, and says which plugin holds it (fail closed).
 */
class BrokenPolicyEndToEndTest {
  private static final Duration T = Duration.ofSeconds(30);
  @TempDir Path tmp;

  @Test
  void aThrowingPolicyHoldsTheJobBackWithAReasonNamingThePlugin() {
    Path plugins = tmp.resolve("plugins");
    BrokenPolicyJars.throwing(plugins, "crashing", "thermal sensor table missing");
    FakeNvidiaSmi smi = FakeNvidiaSmi.install(tmp.resolve("smi"));
    smi.setGpus(FakeNvidiaSmi.gpu(0, 0, 10240, 0.0));
    String yaml = InProcessBerth.config(smi.command()) + """
        pluginsDir: "%s"
        extensions:
          policies: [thresholds, crashing]
        """.formatted(plugins);

    try (var berth = InProcessBerth.start(tmp, yaml)) {
      Http http = berth.http;
      String id = http.submit("{\"user\":\"alice\",\"template\":\"demo\",\"gpus\":1,\"parameters\":{\"seconds\":\"1\"}}");

      JsonNode queue = Await.until("the job to wait on the broken policy", T, () -> http.get("/api/v1/queue").json(),
          q -> q.get("queued").size() == 1
              && WaitingReasons.has(q.get("queued").get(0), "POLICY", "policy 'crashing' failed"));
      assertThat(queue.get("queued").get(0).get("id").asText()).isEqualTo(id);
      assertThat(WaitingReasons.messages(queue.get("queued").get(0), "POLICY")).as("a broken policy blocks with code POLICY")
          .anySatisfy(m -> assertThat(m).contains("policy 'crashing' failed", "thermal sensor table missing"));
      JsonNode node = http.get("/api/v1/resources").json().get("nodes").get(0);
      assertThat(node.toString()).contains("policy 'crashing' failed");
      assertThat(http.job(id).get("state").asText()).isEqualTo("QUEUED");
    }
  }
}
