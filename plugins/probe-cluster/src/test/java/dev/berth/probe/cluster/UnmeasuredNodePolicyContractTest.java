package dev.berth.probe.cluster;

import dev.berth.api.AvailabilityPolicy;
import dev.berth.testkit.AvailabilityPolicyContract;
import dev.berth.testkit.TestPluginContext;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

class UnmeasuredNodePolicyContractTest extends AvailabilityPolicyContract {
  @Override
  protected AvailabilityPolicy createPolicy(Path workDir) {
    return new UnmeasuredNodePolicy(new TestPluginContext("cluster", Map.of(), Clock.systemUTC(), workDir));
  }
}
