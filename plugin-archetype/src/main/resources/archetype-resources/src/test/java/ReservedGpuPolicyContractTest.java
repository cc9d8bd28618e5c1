package ${package};

import dev.berth.api.AvailabilityPolicy;
import dev.berth.testkit.AvailabilityPolicyContract;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Holds the policy to the promises every Berth policy keeps. */
class ReservedGpuPolicyContractTest extends AvailabilityPolicyContract {

  @Override
  protected AvailabilityPolicy createPolicy(Path workDir) {
    return new ReservedGpuPolicy(context("${pluginId}", Map.of()));
  }

  /** By default GPU 0 is kept free even when idle; every other idle GPU passes. */
  @Override
  protected List<String> expectedIdleGpuReasons(int index) {
    return index == 0 ? List.of(ReservedGpuPolicy.reservedReason(0)) : List.of();
  }
}
