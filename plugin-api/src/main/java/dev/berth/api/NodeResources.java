package dev.berth.api;

import java.util.List;

/**
 * One machine as a probe saw it.
 *
 * @param name the node name jobs are placed on (the host name, or the Kubernetes node name)
 * @param cpuPercent host CPU busy over the last sample interval, 0–100; null if unknown
 * @param memoryPercent host memory in use, 0–100; null if unknown
 * @param gpus the GPUs found; empty on a machine without any
 * @param errors what the probe could not read on this node ("nvidia-smi: not found"); a node with
 *     errors is still listed, never dropped
 */
public record NodeResources(
    String name, Double cpuPercent, Double memoryPercent, List<GpuResources> gpus, List<String> errors) {
  public NodeResources {
    gpus = List.copyOf(gpus);
    errors = List.copyOf(errors);
  }
}
