package dev.berth.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.testkit.FakeNvidiaSmi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code berth monitor} run as a user runs it: the real launcher, the real plugin jars, real HTTP. */
class MonitorCommandTest {
  private static final Duration T = Duration.ofSeconds(30);
  @TempDir Path tmp;

  @Test
  void onAMachineWithoutGpuStatusHasTheReferenceFieldsFromProcAndSaysNoGpuDetected() throws Exception {
    // The real /proc of this machine, and an nvidia-smi that is not there.
    Path config = tmp.resolve("berth.yaml");
    Files.writeString(config, "probe:\n  nvidia-smi:\n    command: \"" + tmp.resolve("none/nvidia-smi") + "\"\n    node: box-1\n");
    try (MonitorProcess monitor = MonitorProcess.start(tmp, config)) {
      Http.Response r = monitor.http.get("/status");

      assertThat(r.contentType()).startsWith("application/json");
      JsonNode s = r.json();
      List<String> fields = List.of("gpu_utilization", "gpu_memory_used", "gpu_memory_total", "cpu_usage",
          "memory_usage", "available");
      assertThat(s.fieldNames()).toIterable().startsWith(fields.toArray(String[]::new));
      assertThat(s.get("gpu_utilization").isInt()).isTrue();
      assertThat(s.get("gpu_utilization").asInt()).isZero();
      assertThat(s.get("gpu_memory_used").isIntegralNumber()).isTrue();
      assertThat(s.get("gpu_memory_total").asLong()).isZero();
      assertThat(s.get("memory_usage").isFloatingPointNumber()).isTrue();
      assertThat(s.get("memory_usage").asDouble()).isBetween(0.0, 100.0);
      assertThat(s.get("cpu_usage").isFloatingPointNumber()).as("from two /proc/stat samples").isTrue();
      assertThat(s.get("available").isBoolean()).isTrue();
      assertThat(s.get("available").asBoolean()).isFalse();
      // A busy build machine may add "host CPU … ≥ 90 %" before them.
      assertThat(s.get("reasons").toString()).contains("\"no GPU detected\",\"nvidia-smi not found");
      assertThat(s.get("node").asText()).isEqualTo("box-1");
      assertThat(s.get("taken_at").asText()).endsWith("Z");
      assertThat(s.get("gpus")).isEmpty();
      assertThat(s.get("thresholds").get("source").asText()).isEqualTo("defaults");

      assertThat(monitor.http.get("/healthz").status()).isEqualTo(200);
      String metrics = monitor.http.get("/metrics").body();
      assertThat(metrics).contains("berth_node_memory_usage_percent{node=\"box-1\"}")
          .contains("berth_node_gpus{node=\"box-1\"} 0.0").contains("berth_node_available{node=\"box-1\"} 0.0");
    }
  }

  @Test
  void withAStandInNvidiaSmiItReportsTheGpusAndFollowsThem() throws Exception {
    FakeNvidiaSmi smi = FakeNvidiaSmi.install(tmp.resolve("smi"))
        .setGpus(FakeNvidiaSmi.gpu(0, 1024, 81559, 10.0), FakeNvidiaSmi.gpu(1, 80000, 81559, 97.0));
    Path config = MonitorProcess.config(tmp, "gpu-node-1", smi.command(), 2000);
    try (MonitorProcess monitor = MonitorProcess.start(tmp, config)) {
      JsonNode s = monitor.http.get("/status").json();

      assertThat(s.get("available").asBoolean()).as(s.toString()).isTrue();
      assertThat(s.get("gpu_memory_used").asLong()).isEqualTo(81024);
      assertThat(s.get("gpu_memory_total").asLong()).isEqualTo(2 * 81559);
      assertThat(s.get("gpu_utilization").asInt()).isEqualTo(54);
      assertThat(s.get("memory_usage").asDouble()).isEqualTo(25.0);
      assertThat(s.get("gpus")).hasSize(2);
      assertThat(s.get("gpus").get(0).get("uuid").asText()).isEqualTo(FakeNvidiaSmi.uuid(0));
      assertThat(s.get("gpus").get(0).get("temperature_c").asDouble()).isEqualTo(35.0);
      assertThat(s.get("gpus").get(0).get("metrics").get("smClockMHz").asDouble()).isEqualTo(FakeNvidiaSmi.SM_CLOCK_MHZ);
      assertThat(s.get("gpus").get(1).get("temperature_c").asDouble()).isEqualTo(79.0);
      assertThat(s.get("gpus").get(1).get("available").asBoolean()).isFalse();
      assertThat(s.get("gpus").get(1).get("reasons").toString())
          .contains("GPU 1 free memory 1559 MiB ≤ 2048 MiB").contains("GPU 1 utilization 97 % ≥ 80 %");
      assertThat(monitor.http.get("/metrics").body())
          .contains("berth_gpu_utilization_percent{gpu=\"1\",model=\"NVIDIA H100 80GB HBM3\",node=\"gpu-node-1\",uuid=\""
              + FakeNvidiaSmi.uuid(1) + "\"} 97.0");

      smi.setGpus(FakeNvidiaSmi.gpu(0, 80000, 81559, 99.0));
      JsonNode busy = Await.until("the next sample to show the busy GPU", T, () -> monitor.http.get("/status").json(),
          j -> j.get("gpus").size() == 1);
      assertThat(busy.get("available").asBoolean()).isFalse();
      assertThat(busy.get("reasons").toString()).contains("GPU 0 utilization 99 % ≥ 80 %");
    }
  }

  @Test
  void aStuckNvidiaSmiIsReportedAndTheNextSampleTriesAgain() throws Exception {
    FakeNvidiaSmi smi = FakeNvidiaSmi.install(tmp.resolve("smi")).setGpus(FakeNvidiaSmi.idleGpu(0));
    Path config = MonitorProcess.config(tmp, "gpu-node-1", smi.command(), 500);
    try (MonitorProcess monitor = MonitorProcess.start(tmp, config)) {
      smi.hang();
      JsonNode stuck = Await.until("the timeout to be reported", T, () -> monitor.http.get("/status").json(),
          j -> j.get("errors").toString().contains("nvidia-smi timed out after 500 ms"));
      assertThat(stuck.get("available").asBoolean()).isFalse();
      assertThat(stuck.get("reasons").toString()).contains("no GPU detected");
      assertThat(monitor.http.get("/healthz").status()).as("the monitor itself is fine").isEqualTo(200);

      smi.setGpus(FakeNvidiaSmi.idleGpu(0));
      JsonNode back = Await.until("the GPU to come back", T, () -> monitor.http.get("/status").json(),
          j -> j.get("available").asBoolean());
      assertThat(back.get("errors")).isEmpty();
    }
  }

  @Test
  void thresholdsComeFromFlagsOrFromTheServer() throws Exception {
    FakeNvidiaSmi smi = FakeNvidiaSmi.install(tmp.resolve("smi")).setGpus(FakeNvidiaSmi.gpu(0, 1024, 81559, 60.0));
    Path config = MonitorProcess.config(tmp.resolve("m1"), "gpu-node-1", smi.command(), 2000);
    try (MonitorProcess strict = MonitorProcess.start(tmp.resolve("m1"), config, "--gpu-utilization-max-percent", "50")) {
      JsonNode s = strict.http.get("/status").json();
      assertThat(s.get("available").asBoolean()).isFalse();
      assertThat(s.get("reasons").toString()).contains("GPU 0 utilization 60 % ≥ 50 %");
      assertThat(s.get("thresholds").get("source").asText()).isEqualTo("local");
    }

    try (var server = InProcessBerth.start(tmp.resolve("server"), InProcessBerth.config(tmp.resolve("none/nvidia-smi")));
         MonitorProcess follower = MonitorProcess.start(tmp.resolve("m2"), config,
             "--server", "http://admin:" + Http.ADMIN_PASSWORD + "@127.0.0.1:" + server.server.port())) {
      JsonNode before = follower.http.get("/status").json();
      assertThat(before.get("available").asBoolean()).as(before.toString()).isTrue();
      assertThat(before.get("thresholds").get("source").asText())
          .isEqualTo("http://127.0.0.1:" + server.server.port() + "/api/v1/settings/thresholds");

      assertThat(server.http.putJson("/api/v1/settings/thresholds", "{\"gpuUtilizationMaxPercent\": 55}").status()).isEqualTo(200);

      JsonNode after = Await.until("the server's new threshold to apply", T, () -> follower.http.get("/status").json(),
          j -> !j.get("available").asBoolean());
      assertThat(after.get("reasons").toString()).contains("GPU 0 utilization 60 % ≥ 55 %");
      assertThat(after.get("thresholds").get("values").get("gpuUtilizationMaxPercent").asText()).isEqualTo("55");
    }
  }

  @Test
  void badOptionsStopWithAClearMessage() throws Exception {
    record Case(String expected, String... args) {}
    List<Case> cases = List.of(
        new Case("--gpu-utilization-max-percent must be between 0 and 100, was 101", "--gpu-utilization-max-percent", "101"),
        new Case("--server must be an http(s) URL", "--server", "berth:8081"),
        new Case("--interval must be a duration", "--interval", "often"),
        new Case("plugin nosuch: no plugin 'nosuch' provides ResourceProbe", "--probe", "nosuch"));
    int i = 0;
    for (Case c : cases) {
      Path out = tmp.resolve("out-" + i++);
      List<String> args = new java.util.ArrayList<>(List.of("monitor", "--port", "0", "--data-dir", tmp.resolve("data").toString()));
      args.addAll(List.of(c.args()));
      int code = BerthProcess.run(out, args.toArray(String[]::new));
      assertThat(code).as(Files.readString(out)).isEqualTo(2);
      assertThat(Files.readString(out)).contains(c.expected()).doesNotContain("\tat ");
    }
  }
}
