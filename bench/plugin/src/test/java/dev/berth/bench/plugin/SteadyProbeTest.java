package dev.berth.bench.plugin;

import dev.berth.api.ResourceProbe;
import dev.berth.testkit.ResourceProbeContract;
import dev.berth.testkit.TestPluginContext;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** The steady probe keeps every promise of the probe contract. */
class SteadyProbeTest extends ResourceProbeContract {

  @Override
  protected ResourceProbe createProbe(Clock clock, Path workDir) {
    return new SteadyProbe(new TestPluginContext("bench", Map.of("gpus", 2), clock, workDir));
  }

  @Override
  protected ResourceProbe createFailingProbe(Clock clock, Path workDir) {
    return new SteadyProbe(new TestPluginContext("bench", Map.of("error", "bench: told to fail"), clock, workDir));
  }
}
