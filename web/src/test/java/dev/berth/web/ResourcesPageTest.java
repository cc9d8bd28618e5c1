package dev.berth.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.GpuResources;
import dev.berth.testkit.Await;
import dev.berth.testkit.FakeNvidiaSmi;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The resources page with GPUs (faked only at nvidia-smi) and with a probe that fails. */
class ResourcesPageTest {
  @TempDir Path tmp;

  @Test
  void gpusShowTheirBarsPowerAndTheVerdictWithReasons() {
    FakeNvidiaSmi smi = FakeNvidiaSmi.install(tmp.resolve("smi"));
    smi.setGpus(FakeNvidiaSmi.gpu(0, 4000, 10240, 93.0),
        new GpuResources(1, FakeNvidiaSmi.uuid(1), "NVIDIA H100 80GB HBM3", 0L, 81559L, 0.0, 70.0, 82.0,
            List.of("sw_thermal_slowdown"), Map.of()));
    try (var berth = WebBerth.start(tmp, smi.command(), "")) {
      String body = Await.until("a sample with two GPUs", Await.DEFAULT_TIMEOUT, () -> berth.http.get("/resources").body(),
          b -> b.contains("GPU 1"));
      assertThat(body).contains("GPU 0", "4000 / 10240 MiB used, 6240 MiB free", "93 % busy",
          "utilization 93 % ≥ 80 %", "not eligible",
          "temperature 77 °C", "temperature 82 °C · throttled: sw_thermal_slowdown", "role=\"meter\"", "CPU ", "sse-connect=\"/ui/events?topics=resources\"");
      assertThat(berth.http.get("/resources", WebHttp.HTMX).body()).contains("GPU 0").doesNotContain("<html");
      // GPU 0 is busy with no job on it; GPU 1 is idle and empty.
      assertThat(body).containsOnlyOnce("in use outside Berth</span>")
          .contains("title=\"in use outside Berth: 93 % utilisation, 4000 MiB used with no Berth job on it\"");
    }
  }

  @Test
  void aProbeErrorIsShownAndThePageStillRenders() {
    FakeNvidiaSmi smi = FakeNvidiaSmi.install(tmp.resolve("smi"));
    smi.setRawOutput(FakeNvidiaSmi.DRIVER_FAILURE_MESSAGE, FakeNvidiaSmi.DRIVER_FAILURE_EXIT_CODE);
    try (var berth = WebBerth.start(tmp, smi.command(), "")) {
      String body = Await.until("the probe error", Await.DEFAULT_TIMEOUT, () -> berth.http.get("/resources").body(),
          b -> b.contains("probe: "));
      assertThat(body).contains("NVIDIA", "No GPU detected on this node.");
      assertThat(berth.http.get("/").status()).isEqualTo(200);
    }
  }
}
