package dev.berth.core.server;

import dev.berth.api.QueueStore;
import dev.berth.core.metrics.BerthMetrics;

/** What operators' probes read: whether the store answers, and the metrics in Prometheus' format. */
public final class SystemStatus {
  private final QueueStore store;
  private final BerthMetrics metrics;

  public SystemStatus(QueueStore store, BerthMetrics metrics) {
    this.store = store;
    this.metrics = metrics;
  }

  /**
   * @throws dev.berth.api.StoreUnavailableException when the queue store does not answer
   */
  public void checkReady() {
    store.checkHealth();
  }

  public String metricsText() {
    return metrics.scrape();
  }
}
