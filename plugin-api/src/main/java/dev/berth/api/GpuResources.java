package dev.berth.api;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One GPU (or MIG instance) as a probe saw it. Every metric is nullable: drivers print {@code
 * [N/A]} or {@code [Not Supported]} for what they cannot measure, and MIG parents report no
 * utilization.
 *
 * <p><b>Extra metrics.</b> {@link #metrics()} holds numeric figures beyond the named components,
 * for policies that know what to look for. A name is camelCase and ends in its unit ({@code C},
 * {@code MHz}, {@code Percent}, {@code Watts}, {@code MiB}); the names below are the ones bundled
 * probes fill, and a probe fills a name only with the figure it documents. A third-party probe
 * adds its own names with its plugin id as prefix ({@code my-probe.fanPercent}), so two probes never
 * mean different things by one name. A missing name means "not measured", never zero.
 *
 * @param index the device index as CUDA_VISIBLE_DEVICES and nvidia-smi number it
 * @param uuid the device UUID, such as {@code GPU-…}; may be null
 * @param temperatureC the GPU core temperature in °C (nvidia-smi {@code temperature.gpu}, DCGM
 *     {@code DCGM_FI_DEV_GPU_TEMP}); null when unknown
 * @param throttleReasons the active clock throttle ("clock event") reasons, in NVML's names such as
 *     {@code sw_thermal_slowdown}; empty when none is active or none is known. {@code gpu_idle} is
 *     listed like the others: an idle GPU lowers its clocks.
 * @param metrics extra numeric figures by name, see above; never null
 */
public record GpuResources(
    int index,
    String uuid,
    String name,
    Long memoryUsedMiB,
    Long memoryTotalMiB,
    Double utilizationPercent,
    Double powerWatts,
    Double temperatureC,
    List<String> throttleReasons,
    Map<String, Double> metrics) {

  /** HBM memory temperature in °C (DCGM {@code DCGM_FI_DEV_MEMORY_TEMP}). */
  public static final String MEMORY_TEMPERATURE_C = "memoryTemperatureC";

  /** The SM clock in MHz (nvidia-smi {@code clocks.sm}, DCGM {@code DCGM_FI_DEV_SM_CLOCK}). */
  public static final String SM_CLOCK_MHZ = "smClockMHz";

  public GpuResources {
    throttleReasons = throttleReasons == null ? List.of() : List.copyOf(throttleReasons);
    // Sorted, so the same figures always print (and serialize) the same way.
    metrics = metrics == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(metrics));
    metrics.forEach((k, v) -> Objects.requireNonNull(v, () -> "metric " + k + " has no value"));
  }

  /** A GPU measured only for memory, utilization and power, as probes before temperature did. */
  public GpuResources(
      int index,
      String uuid,
      String name,
      Long memoryUsedMiB,
      Long memoryTotalMiB,
      Double utilizationPercent,
      Double powerWatts) {
    this(index, uuid, name, memoryUsedMiB, memoryTotalMiB, utilizationPercent, powerWatts, null,
        List.of(), Map.of());
  }

  /** Total minus used, or null when either is unknown. */
  public Long memoryFreeMiB() {
    return memoryUsedMiB == null || memoryTotalMiB == null ? null : memoryTotalMiB - memoryUsedMiB;
  }

  /** The extra metric of that name, or null when the probe did not measure it. */
  public Double metric(String name) {
    return metrics.get(name);
  }

  /** This GPU with its temperature set. */
  public GpuResources withTemperatureC(Double celsius) {
    return new GpuResources(index, uuid, name, memoryUsedMiB, memoryTotalMiB, utilizationPercent,
        powerWatts, celsius, throttleReasons, metrics);
  }
}
