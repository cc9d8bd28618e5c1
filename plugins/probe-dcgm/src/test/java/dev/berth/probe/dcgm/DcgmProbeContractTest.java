package dev.berth.probe.dcgm;

import dev.berth.api.ResourceProbe;
import dev.berth.testkit.ResourceProbeContract;
import dev.berth.testkit.TestPluginContext;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

class DcgmProbeContractTest extends ResourceProbeContract {
  private FakeDcgmExporter exporter;

  @AfterEach
  void stopExporter() {
    if (exporter != null) {
      exporter.close();
    }
  }

  @Override
  protected ResourceProbe createProbe(Clock clock, Path workDir) {
    exporter = FakeDcgmExporter.serving(Fixtures.text("a30-mig-hostname-lower.txt"));
    return new DcgmProbe(new TestPluginContext("dcgm",
        Map.of("exporters", List.of(exporter.url().toString())), clock, workDir.resolve("healthy")));
  }

  @Override
  protected ResourceProbe createFailingProbe(Clock clock, Path workDir) {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return new DcgmProbe(new TestPluginContext("dcgm",
        Map.of("exporters", List.of("http://127.0.0.1:" + closed + "/metrics"), "timeoutMillis", 2000),
        clock, workDir.resolve("failing")));
  }
}
