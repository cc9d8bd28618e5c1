package dev.berth.api;

import java.util.List;

/**
 * A policy's judgement of one node.
 *
 * @param hostReasons reasons against the whole host (CPU, memory, probe errors); any of them makes
 *     every GPU of the node unusable too, and blocks CPU-only jobs there
 * @param gpus one verdict per GPU the snapshot listed for the node
 */
public record NodeVerdict(String node, List<String> hostReasons, List<GpuVerdict> gpus) {
  public NodeVerdict {
    hostReasons = List.copyOf(hostReasons);
    gpus = List.copyOf(gpus);
  }

  public boolean hostEligible() {
    return hostReasons.isEmpty();
  }
}
