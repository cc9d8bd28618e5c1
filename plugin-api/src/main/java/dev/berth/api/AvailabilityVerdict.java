package dev.berth.api;

import java.util.List;

/** A policy's judgement of a whole {@link ResourceSnapshot}: one entry per node of the snapshot. */
public record AvailabilityVerdict(List<NodeVerdict> nodes) {
  public AvailabilityVerdict {
    nodes = List.copyOf(nodes);
  }
}
