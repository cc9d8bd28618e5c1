package dev.berth.probe.nvidia;

import dev.berth.api.ResourceProbe;
import dev.berth.testkit.ResourceProbeContract;
import dev.berth.testkit.TestPluginContext;
import java.nio.file.Path;
import java.time.Clock;

class NvidiaSmiProbeContractTest extends ResourceProbeContract {

  @Override
  protected ResourceProbe createProbe(Clock clock, Path workDir) {
    ProbeFixture fixture = new ProbeFixture(workDir.resolve("healthy"));
    return new NvidiaSmiProbe(
        new TestPluginContext("nvidia-smi", fixture.config, clock, fixture.dataDir));
  }

  @Override
  protected ResourceProbe createFailingProbe(Clock clock, Path workDir) {
    ProbeFixture fixture =
        new ProbeFixture(workDir.resolve("failing"))
            .with("command", workDir.resolve("no-such-dir/nvidia-smi").toString());
    return new NvidiaSmiProbe(
        new TestPluginContext("nvidia-smi", fixture.config, clock, fixture.dataDir));
  }
}
