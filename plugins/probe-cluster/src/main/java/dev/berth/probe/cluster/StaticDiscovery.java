package dev.berth.probe.cluster;

import java.util.List;

/** The monitors listed in {@code probe.cluster.monitors}. */
final class StaticDiscovery implements Discovery {
  private final Found found;

  StaticDiscovery(List<MonitorTarget> targets) {
    this.found = new Found(targets, List.of());
  }

  @Override
  public Found targets() {
    return found;
  }
}
