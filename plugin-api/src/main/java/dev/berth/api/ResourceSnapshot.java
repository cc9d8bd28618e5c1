package dev.berth.api;

import java.time.Instant;
import java.util.List;

/**
 * Everything a probe saw at one moment.
 *
 * @param takenAt when the sample was taken
 * @param errors failures not tied to one node (for example "monitor discovery failed")
 */
public record ResourceSnapshot(Instant takenAt, List<NodeResources> nodes, List<String> errors) {
  public ResourceSnapshot {
    nodes = List.copyOf(nodes);
    errors = List.copyOf(errors);
  }
}
