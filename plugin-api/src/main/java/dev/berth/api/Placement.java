package dev.berth.api;

import java.util.List;
import java.util.Objects;

/**
 * Where the scheduler put a job: a node name as the probe reports it, and the indexes of the GPUs
 * reserved on it (empty for a CPU-only job).
 */
public record Placement(String node, List<Integer> gpus) {
  public Placement {
    Objects.requireNonNull(node, "node");
    gpus = List.copyOf(gpus);
  }
}
