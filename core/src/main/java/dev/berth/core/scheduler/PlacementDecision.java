package dev.berth.core.scheduler;

import dev.berth.api.Placement;

/** Either where a job can start now, or why it cannot. Exactly one is non-null. */
public record PlacementDecision(Placement placement, Blockage blockage) {
  public static PlacementDecision at(Placement placement) {
    return new PlacementDecision(placement, null);
  }

  public static PlacementDecision blocked(Blockage blockage) {
    return new PlacementDecision(null, blockage);
  }

  public boolean placed() {
    return placement != null;
  }
}
