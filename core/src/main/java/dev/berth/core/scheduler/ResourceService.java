package dev.berth.core.scheduler;

import dev.berth.api.QueueStore;
import dev.berth.api.ResourceSnapshot;
import java.util.function.DoubleSupplier;

/**
 * What readers may know of the machines: the last sample, and that sample judged by the policies
 * with the GPUs Berth's jobs hold. Handlers get this instead of the monitor, the policies and the
 * store, so that a page cannot take a sample or read the store on its own.
 */
public final class ResourceService {
  private final ResourceMonitor monitor;
  private final PolicyPanel policies;
  private final QueueStore store;
  private final DoubleSupplier idleBelowPercent;

  /** @param idleBelowPercent the idle guard's threshold, for the "in use outside Berth" flag */
  public ResourceService(ResourceMonitor monitor, PolicyPanel policies, QueueStore store,
      DoubleSupplier idleBelowPercent) {
    this.monitor = monitor;
    this.policies = policies;
    this.store = store;
    this.idleBelowPercent = idleBelowPercent;
  }

  /** The last sample with every policy's verdict and the jobs holding each GPU. */
  public ResourceReport report() {
    return ResourceReport.build(monitor, policies, store, idleBelowPercent.getAsDouble());
  }

  /** The last sample as the probe took it; null before the first. */
  public ResourceSnapshot latest() {
    return monitor.latest();
  }
}
