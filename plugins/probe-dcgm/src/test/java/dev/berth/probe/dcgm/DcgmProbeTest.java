package dev.berth.probe.dcgm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.GpuResources;
import dev.berth.api.NodeResources;
import dev.berth.api.ResourceSnapshot;
import dev.berth.testkit.SettableClock;
import dev.berth.testkit.TestPluginContext;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The probe against real HTTP servers serving exporter pages, healthy and failing. */
class DcgmProbeTest {
  @TempDir Path dir;
  private final SettableClock clock = new SettableClock(Instant.parse("2026-03-01T08:00:00Z"));
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : toClose) {
      c.close();
    }
  }

  private FakeDcgmExporter exporter(String fixture) {
    FakeDcgmExporter e = FakeDcgmExporter.serving(Fixtures.text(fixture));
    toClose.add(e);
    return e;
  }

  private DcgmProbe probe(Map<String, Object> config) {
    DcgmProbe p = new DcgmProbe(new TestPluginContext("dcgm", config, clock, dir));
    toClose.add(p);
    return p;
  }

  @Test
  void readsEveryExporterIntoItsNodes() {
    FakeDcgmExporter v100 = exporter("four-v100-hostname-capital.txt");
    FakeDcgmExporter a30 = exporter("a30-mig-hostname-lower.txt");
    DcgmProbe probe = probe(Map.of("exporters", List.of(v100.url().toString(),
        Map.of("url", a30.url().toString()))));

    ResourceSnapshot snapshot = probe.sample();

    assertThat(snapshot.takenAt()).isEqualTo(clock.instant());
    assertThat(snapshot.nodes()).extracting(NodeResources::name).containsExactly("v100-node-1", "a30-node-7");
    assertThat(snapshot.nodes().get(0).gpus()).hasSize(4);
    assertThat(snapshot.nodes().get(1).gpus()).hasSize(2);
    assertThat(snapshot.nodes()).allSatisfy(n -> assertThat(n.errors()).isEmpty());
  }

  @Test
  void readsTemperatureThrottleReasonsAndExtraMetrics() {
    FakeDcgmExporter v100 = exporter("four-v100-hostname-capital.txt");
    DcgmProbe probe = probe(Map.of("exporters", List.of(v100.url().toString())));

    List<GpuResources> gpus = probe.sample().nodes().get(0).gpus();

    assertThat(gpus).extracting(GpuResources::temperatureC).containsExactly(78.0, 34.0, 33.0, 61.0);
    assertThat(gpus.get(0).throttleReasons()).containsExactly("sw_thermal_slowdown");
    assertThat(gpus.get(1).throttleReasons()).containsExactly("gpu_idle");
    assertThat(gpus.get(3).throttleReasons()).isEmpty();
    assertThat(gpus.get(0).metrics()).isEqualTo(Map.of(GpuResources.SM_CLOCK_MHZ, 1530.0));
    assertThat(gpus.get(0).metric(GpuResources.MEMORY_TEMPERATURE_C))
        .as("DCGM's blank sentinel is no measurement").isNull();
  }

  @Test
  void anExporterThatStopsKeepsItsNodeWithTheReason() {
    FakeDcgmExporter v100 = exporter("four-v100-hostname-capital.txt");
    FakeDcgmExporter a30 = exporter("a30-mig-hostname-lower.txt");
    DcgmProbe probe = probe(Map.of("exporters", List.of(v100.url().toString(), a30.url().toString())));
    probe.sample();

    a30.close();
    ResourceSnapshot snapshot = probe.sample();

    assertThat(snapshot.nodes()).extracting(NodeResources::name)
        .as("named as it reported itself last time").containsExactly("v100-node-1", "a30-node-7");
    NodeResources lost = snapshot.nodes().get(1);
    assertThat(lost.gpus()).isEmpty();
    assertThat(lost.errors()).singleElement().asString()
        .startsWith("dcgm-exporter on a30-node-7 refused the connection").contains(a30.url().toString());
    assertThat(snapshot.nodes().get(0).gpus()).hasSize(4);
  }

  @Test
  void aHangingExporterTimesOutAndAnErrorStatusIsReported() {
    FakeDcgmExporter hanging = exporter("two-hosts.txt").hang();
    FakeDcgmExporter failing = exporter("two-hosts.txt").status(503);
    DcgmProbe probe = probe(Map.of("timeoutMillis", 500, "exporters", List.of(
        Map.of("url", hanging.url().toString(), "node", "gpu-node-2"),
        Map.of("url", failing.url().toString(), "node", "gpu-node-3"))));

    ResourceSnapshot snapshot = probe.sample();

    assertThat(snapshot.nodes()).extracting(NodeResources::name).containsExactly("gpu-node-2", "gpu-node-3");
    assertThat(snapshot.nodes().get(0).errors()).singleElement().asString()
        .startsWith("dcgm-exporter on gpu-node-2 timed out after 500 ms");
    assertThat(snapshot.nodes().get(1).errors()).singleElement().asString()
        .startsWith("dcgm-exporter on gpu-node-3 answered HTTP 503");
  }

  @Test
  void anUnknownHostIsSaidPlainly() {
    DcgmProbe probe = probe(Map.of("timeoutMillis", 2000, "exporters", List.of("no-such-host.invalid:9400")));

    NodeResources node = probe.sample().nodes().get(0);

    assertThat(node.name()).isEqualTo("no-such-host.invalid");
    assertThat(node.errors()).singleElement().asString().contains("dcgm-exporter on no-such-host.invalid")
        .contains("http://no-such-host.invalid:9400/metrics");
  }

  @Test
  void aBadConfigurationNamesTheKey() {
    assertThatThrownBy(() -> probe(Map.of()))
        .hasMessageContaining("dcgm.exporters must list the dcgm-exporter URLs");
    assertThatThrownBy(() -> probe(Map.of("exporters", List.of("ftp://x/metrics"))))
        .hasMessageContaining("dcgm.exporters[0] must be an http(s) URL");
    assertThatThrownBy(() -> probe(Map.of("exporters", List.of(Map.of("host", "x")))))
        .hasMessageContaining("dcgm.exporters[0] has an unknown key 'host'");
    assertThatThrownBy(() -> probe(Map.of("exporters", List.of("x:9400"), "timeoutMillis", 5)))
        .hasMessageContaining("dcgm.timeoutMillis must be from 100 to 60000");
  }

  @Test
  void aBareHostAndPortGetsTheMetricsPath() {
    assertThat(DcgmProbeConfig.metricsUrl("x", "gpu-1:9400").toString()).isEqualTo("http://gpu-1:9400/metrics");
    assertThat(DcgmProbeConfig.metricsUrl("x", "https://gpu-1:9400/").toString()).isEqualTo("https://gpu-1:9400/metrics");
    assertThat(DcgmProbeConfig.metricsUrl("x", "http://gpu-1:9400/custom").toString()).isEqualTo("http://gpu-1:9400/custom");
  }
}
