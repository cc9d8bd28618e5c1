package dev.berth.policy.thresholds;

import dev.berth.api.AvailabilityPolicy;
import dev.berth.api.AvailabilityVerdict;
import dev.berth.api.GpuResources;
import dev.berth.api.GpuVerdict;
import dev.berth.api.HasSettings;
import dev.berth.api.NodeResources;
import dev.berth.api.NodeVerdict;
import dev.berth.api.PluginContext;
import dev.berth.api.ResourceSnapshot;
import dev.berth.api.SettingsSchema;
import java.util.ArrayList;
import java.util.List;
import org.pf4j.Extension;

/**
 * The reference design's rule: a GPU takes a job only when it has enough free memory and is not
 * too busy, and a host only when its CPU and memory are not too busy. All comparisons are strict:
 *
 * <ul>
 *   <li>GPU eligible when free memory &gt; {@code gpuMemoryFreeMinMiB} (2048) and utilization &lt;
 *       {@code gpuUtilizationMaxPercent} (80), and, when {@code gpuTemperatureMaxC} is above 0 (it
 *       is 0, off, by default), its core temperature &lt; {@code gpuTemperatureMaxC};
 *   <li>host eligible when CPU &lt; {@code cpuUsageMaxPercent} (90) and memory &lt; {@code
 *       memoryUsageMaxPercent} (85).
 * </ul>
 *
 * <p>Thresholds are the settings section {@code thresholds}, read from {@link
 * PluginContext#settings()} at every {@link #judge}, so an admin's change applies to the next
 * scheduling pass; a missing key takes its default.
 *
 * <p><b>Unknown figures.</b> Unknown GPU utilization (MIG parents, {@code [N/A]}) is not a reason
 * by itself: MIG hides utilization, and free memory still tells whether the GPU is taken. Unknown
 * GPU memory is a reason ("GPU 0 memory unknown"): without it nothing says the GPU is free. Unknown
 * temperature is not a reason either (the driver may not report it). Unknown host CPU or memory is not a reason (the probe's first sample has no CPU interval yet).
 *
 * <p><b>Probe errors</b> are not reasons here. What the probe could not read is simply absent from
 * the snapshot: when nvidia-smi fails the node lists no GPUs, so GPU jobs wait ("no GPU detected",
 * followed by the probe's error, says the scheduler) while CPU-only jobs still run on the host, as
 * the reference design wants for a machine without a GPU.
 */
@Extension
public final class ThresholdsPolicy implements AvailabilityPolicy, HasSettings {

  private final PluginContext context;

  public ThresholdsPolicy(PluginContext context) {
    this.context = context;
  }

  @Override
  public SettingsSchema settingsSchema() {
    return ThresholdSettings.SCHEMA;
  }

  @Override
  public AvailabilityVerdict judge(ResourceSnapshot snapshot) {
    Limits limits = Limits.from(context.settings());
    List<NodeVerdict> nodes = new ArrayList<>(snapshot.nodes().size());
    for (NodeResources node : snapshot.nodes()) {
      nodes.add(judge(node, limits));
    }
    return new AvailabilityVerdict(nodes);
  }

  private static NodeVerdict judge(NodeResources node, Limits limits) {
    List<GpuVerdict> gpus = new ArrayList<>(node.gpus().size());
    for (GpuResources gpu : node.gpus()) {
      gpus.add(new GpuVerdict(gpu.index(), gpuReasons(gpu, limits)));
    }
    return new NodeVerdict(node.name(), hostReasons(node, limits), gpus);
  }

  private static List<String> hostReasons(NodeResources node, Limits limits) {
    List<String> reasons = new ArrayList<>();
    Double cpu = node.cpuPercent();
    if (cpu != null && cpu >= limits.cpuUsageMaxPercent()) {
      reasons.add(Reasons.hostCpu(cpu, limits.cpuUsageMaxPercent()));
    }
    Double memory = node.memoryPercent();
    if (memory != null && memory >= limits.memoryUsageMaxPercent()) {
      reasons.add(Reasons.hostMemory(memory, limits.memoryUsageMaxPercent()));
    }
    return reasons;
  }

  private static List<String> gpuReasons(GpuResources gpu, Limits limits) {
    List<String> reasons = new ArrayList<>(3);
    Long free = gpu.memoryFreeMiB();
    if (free == null) {
      reasons.add(Reasons.gpuMemoryUnknown(gpu.index()));
    } else if (free <= limits.gpuMemoryFreeMinMiB()) {
      reasons.add(Reasons.gpuFreeMemory(gpu.index(), free, limits.gpuMemoryFreeMinMiB()));
    }
    Double utilization = gpu.utilizationPercent();
    if (utilization != null && utilization >= limits.gpuUtilizationMaxPercent()) {
      reasons.add(Reasons.gpuUtilization(gpu.index(), utilization, limits.gpuUtilizationMaxPercent()));
    }
    Double temperature = gpu.temperatureC();
    double maxTemperature = limits.gpuTemperatureMaxC();
    if (maxTemperature > 0 && temperature != null && temperature >= maxTemperature) {
      reasons.add(Reasons.gpuTemperature(gpu.index(), temperature, maxTemperature));
    }
    return reasons;
  }
}
