package dev.berth.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.testkit.FakeNvidiaSmi;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster end to end: three {@code berth monitor} processes, each with its own stand-in
 * nvidia-smi, a Berth server with {@code extensions.probe: cluster} polling them, and one monitor
 * killed with SIGKILL. Jobs go only to the healthy nodes' free GPUs, and the resources show all
 * three nodes with their reasons.
 */
class ClusterSchedulingTest {
  private static final Duration T = Duration.ofSeconds(60);
  @TempDir Path tmp;

  private MonitorProcess monitor(String node, FakeNvidiaSmi smi) {
    Path dir = tmp.resolve(node);
    return MonitorProcess.start(dir, MonitorProcess.config(dir, node, smi.command(), 2000));
  }

  private static JsonNode node(JsonNode resources, String name) {
    for (JsonNode n : resources.get("nodes")) {
      if (n.get("name").asText().equals(name)) {
        return n;
      }
    }
    throw new AssertionError("no node " + name + " in " + resources);
  }

  @Test
  void jobsGoOnlyToHealthyNodesFreeGpusAndAKilledMonitorsNodeStaysWithItsReason() throws Exception {
    FakeNvidiaSmi smi1 = FakeNvidiaSmi.install(tmp.resolve("smi1"))
        .setGpus(FakeNvidiaSmi.idleGpu(0), FakeNvidiaSmi.gpu(1, 8000, 81559, 90.0));
    FakeNvidiaSmi smi2 = FakeNvidiaSmi.install(tmp.resolve("smi2"))
        .setGpus(FakeNvidiaSmi.idleGpu(0), FakeNvidiaSmi.idleGpu(1));
    FakeNvidiaSmi smi3 = FakeNvidiaSmi.install(tmp.resolve("smi3")).setGpus(FakeNvidiaSmi.idleGpu(0));
    try (MonitorProcess m1 = monitor("gpu-node-1", smi1);
         MonitorProcess m2 = monitor("gpu-node-2", smi2);
         MonitorProcess m3 = monitor("gpu-node-3", smi3)) {
      // gpu-node-2 first: the node a CPU-only job would land on if a dead node counted as free.
      String yaml = """
          extensions:
            probe: cluster
            policies: [thresholds, cluster]
          probe:
            cluster:
              monitors: [%s, %s, %s]
              timeoutMillis: 1000
              retries: 1
              retryBackoffMillis: 100
          reconciler:
            intervalSeconds: 1
          """.formatted(m2.url(), m1.url(), m3.url());
      try (var berth = InProcessBerth.start(tmp.resolve("server"), yaml)) {
        Http http = berth.http;
        assertThat(http.putJson("/api/v1/settings/scheduler", "{\"maxRunningJobs\": 4, \"probeIntervalSeconds\": 1}").status())
            .isEqualTo(200);
        Await.until("all three nodes measured", T, () -> http.get("/api/v1/resources").json(),
            r -> r.get("nodes").size() == 3 && r.get("nodes").findValues("errors").stream().allMatch(JsonNode::isEmpty)
                && node(r, "gpu-node-2").get("gpus").size() == 2);

        m2.kill9();
        JsonNode resources = Await.until("the killed monitor's node to carry the reason", T,
            () -> http.get("/api/v1/resources").json(),
            r -> node(r, "gpu-node-2").get("errors").toString().contains("monitor on gpu-node-2"));

        assertThat(resources.get("nodes")).extracting(n -> n.get("name").asText())
            .containsExactly("gpu-node-2", "gpu-node-1", "gpu-node-3");
        JsonNode dead = node(resources, "gpu-node-2");
        assertThat(dead.get("eligible").asBoolean()).isFalse();
        assertThat(dead.get("gpus")).isEmpty();
        assertThat(dead.get("reasons").get(0).asText()).startsWith("monitor on gpu-node-2 refused the connection");
        JsonNode one = node(resources, "gpu-node-1");
        assertThat(one.get("eligible").asBoolean()).isTrue();
        assertThat(one.get("gpus").get(1).get("eligible").asBoolean()).isFalse();
        assertThat(one.get("gpus").get(1).get("reasons").toString()).contains("GPU 1 utilization 90 % ≥ 80 %");
        assertThat(node(resources, "gpu-node-3").get("gpus").get(0).get("eligible").asBoolean()).isTrue();

        String cpuJob = http.submit("{\"user\":\"alice\",\"template\":\"demo\",\"gpus\":0,\"parameters\":{\"seconds\":\"60\"}}");
        List<String> gpuJobs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          gpuJobs.add(http.submit("{\"user\":\"bob\",\"template\":\"demo\",\"gpus\":1,\"parameters\":{\"seconds\":\"60\"}}"));
        }
        JsonNode queue = Await.until("two GPU jobs placed and the third waiting", T, () -> http.get("/api/v1/queue").json(),
            q -> q.get("running").size() == 3 && q.get("queued").size() == 1
                // Between two passes the head may read "about to be scheduled"; wait for the pass's verdict.
                && WaitingReasons.has(q.get("queued").get(0), "RESOURCES", "reserved by job"));

        assertThat(http.job(cpuJob).get("placement").get("node").asText()).isNotEqualTo("gpu-node-2");
        Map<String, List<Integer>> placed = new HashMap<>();
        for (String id : gpuJobs.subList(0, 2)) {
          JsonNode placement = http.job(id).get("placement");
          placed.computeIfAbsent(placement.get("node").asText(), k -> new ArrayList<>()).add(placement.get("gpus").get(0).asInt());
        }
        assertThat(placed).isEqualTo(Map.of("gpu-node-1", List.of(0), "gpu-node-3", List.of(0)));
        JsonNode waiting = queue.get("queued").get(0);
        assertThat(waiting.get("id").asText()).isEqualTo(gpuJobs.get(2));
        assertThat(String.join("\n", WaitingReasons.messages(waiting, "RESOURCES")))
            .contains("gpu-node-1: GPU 0 is reserved by job").contains("gpu-node-3: GPU 0 is reserved by job")
            .doesNotContain("gpu-node-2: GPU");

        JsonNode reserved = http.get("/api/v1/resources").json();
        assertThat(node(reserved, "gpu-node-3").get("gpus").get(0).get("reservedBy").asText()).isIn(gpuJobs);

        for (String id : List.of(cpuJob, gpuJobs.get(0), gpuJobs.get(1), gpuJobs.get(2))) {
          http.post("/api/v1/jobs/" + id + "/cancel", "application/json", "");
        }
        for (String id : List.of(cpuJob, gpuJobs.get(0), gpuJobs.get(1), gpuJobs.get(2))) {
          Await.until("job " + id + " cancelled", T, () -> http.job(id), j -> j.get("state").asText().equals("CANCELLED"));
        }
      }
    }
  }
}
