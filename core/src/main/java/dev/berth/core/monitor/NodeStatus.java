package dev.berth.core.monitor;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@code GET /status} answers: the reference design's six fields first, with their names and
 * types ({@code gpu_utilization}, {@code gpu_memory_used} and {@code gpu_memory_total} whole numbers
 * in percent and MiB, {@code cpu_usage} and {@code memory_usage} percent with one decimal, {@code
 * available}), then what a node with several GPUs needs.
 *
 * <p>With several GPUs the three GPU fields aggregate: memory used and total are sums over the GPUs,
 * utilization is the mean over the GPUs that report one (0 when none does, as with no GPU or MIG).
 * {@code available} means the node can take a GPU job now: the host passes the policy and at least
 * one GPU does; {@code gpus} has each GPU's own figures and verdict.
 *
 * @param cpuUsage null only when the probe could not measure it
 * @param reasons why {@code available} is false; empty when it is true
 * @param hostAvailable whether the host itself passes (CPU, memory), as for a CPU-only job
 * @param errors what the probe, the policy or the threshold fetch could not do
 */
public record NodeStatus(
    @JsonProperty("gpu_utilization") int gpuUtilization,
    @JsonProperty("gpu_memory_used") long gpuMemoryUsed,
    @JsonProperty("gpu_memory_total") long gpuMemoryTotal,
    @JsonProperty("cpu_usage") Double cpuUsage,
    @JsonProperty("memory_usage") Double memoryUsage,
    @JsonProperty("available") boolean available,
    @JsonProperty("node") String node,
    @JsonProperty("taken_at") Instant takenAt,
    @JsonProperty("reasons") List<String> reasons,
    @JsonProperty("host_available") boolean hostAvailable,
    @JsonProperty("gpus") List<GpuStatus> gpus,
    @JsonProperty("errors") List<String> errors,
    @JsonProperty("thresholds") Thresholds thresholds) {

  public NodeStatus {
    reasons = List.copyOf(reasons);
    gpus = List.copyOf(gpus);
    errors = List.copyOf(errors);
  }

  /**
   * One GPU (or MIG parent) with its own figures and the policy's verdict on it.
   *
   * @param utilization percent; null when the driver does not report it (MIG parents)
   * @param temperatureC the core temperature in °C; null when unknown
   * @param throttleReasons the active clock throttle reasons, NVML's names
   * @param metrics extra figures by name, as {@link dev.berth.api.GpuResources#metrics()} documents
   * @param available the GPU and its host pass the policy
   * @param reasons the policy's reasons against this GPU alone
   */
  public record GpuStatus(
      @JsonProperty("index") int index,
      @JsonProperty("uuid") String uuid,
      @JsonProperty("name") String name,
      @JsonProperty("utilization") Integer utilization,
      @JsonProperty("memory_used") Long memoryUsed,
      @JsonProperty("memory_total") Long memoryTotal,
      @JsonProperty("memory_free") Long memoryFree,
      @JsonProperty("power_watts") Double powerWatts,
      @JsonProperty("temperature_c") Double temperatureC,
      @JsonProperty("throttle_reasons") List<String> throttleReasons,
      @JsonProperty("metrics") Map<String, Double> metrics,
      @JsonProperty("available") boolean available,
      @JsonProperty("reasons") List<String> reasons) {
    public GpuStatus {
      reasons = List.copyOf(reasons);
      throttleReasons = throttleReasons == null ? List.of() : List.copyOf(throttleReasons);
      metrics = metrics == null ? Map.of() : metrics;
    }
  }

  /**
   * The thresholds {@code available} was judged with.
   *
   * @param source {@code defaults}, {@code local} (flags, variables or file), or the server's settings URL
   */
  public record Thresholds(
      @JsonProperty("source") String source,
      @JsonProperty("version") long version,
      @JsonProperty("values") Map<String, String> values) {
    public Thresholds {
      // Sorted by key: a stable order for people reading /status.
      values = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(values));
    }
  }

  /** This status once its sample has grown too old: unavailable, saying how old it is. */
  public NodeStatus stale(Duration age) {
    String reason = "last sample is " + age.toSeconds() + " s old: the probe has not finished one since";
    List<String> staleReasons = new ArrayList<>(reasons);
    staleReasons.add(reason);
    List<String> staleErrors = new ArrayList<>(errors);
    staleErrors.add(reason);
    return new NodeStatus(gpuUtilization, gpuMemoryUsed, gpuMemoryTotal, cpuUsage, memoryUsage, false, node, takenAt,
        staleReasons, false, gpus, staleErrors, thresholds);
  }
}
