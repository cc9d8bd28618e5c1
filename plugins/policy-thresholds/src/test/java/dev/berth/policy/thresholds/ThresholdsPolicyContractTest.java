package dev.berth.policy.thresholds;

import dev.berth.api.AvailabilityPolicy;
import dev.berth.testkit.AvailabilityPolicyContract;
import java.nio.file.Path;
import java.util.Map;

class ThresholdsPolicyContractTest extends AvailabilityPolicyContract {

  @Override
  protected AvailabilityPolicy createPolicy(Path workDir) {
    return new ThresholdsPolicy(context("thresholds", Map.of()));
  }
}
