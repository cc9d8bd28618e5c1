package dev.berth.api;

/**
 * One GPU (or MIG instance) as a probe saw it. Every metric is nullable: drivers print {@code
 * [N/A]} or {@code [Not Supported]} for what they cannot measure, and MIG parents report no
 * utilization.
 *
 * @param index the device index as CUDA_VISIBLE_DEVICES and nvidia-smi number it
 * @param uuid the device UUID, such as {@code GPU-…}; may be null
 */
public record GpuResources(
    int index,
    String uuid,
    String name,
    Long memoryUsedMiB,
    Long memoryTotalMiB,
    Double utilizationPercent,
    Double powerWatts) {

  /** Total minus used, or null when either is unknown. */
  public Long memoryFreeMiB() {
    return memoryUsedMiB == null || memoryTotalMiB == null ? null : memoryTotalMiB - memoryUsedMiB;
  }
}
