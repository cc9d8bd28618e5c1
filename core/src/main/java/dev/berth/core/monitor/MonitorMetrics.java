package dev.berth.core.monitor;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The monitor's Prometheus metrics: one gauge series per GPU (labels {@code node}, {@code gpu},
 * {@code uuid}, {@code model}) and per node, rewritten after every sample so that a GPU that
 * vanished leaves no stale series. A figure the probe could not measure has no series rather than
 * a made-up value.
 */
final class MonitorMetrics {
  private static final double MIB = 1024.0 * 1024.0;

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final MultiGauge gpuUtilization = gauge("berth.gpu.utilization", "percent", "GPU utilization");
  private final MultiGauge gpuMemoryUsed = gauge("berth.gpu.memory.used", BaseUnits.BYTES, "GPU memory in use");
  private final MultiGauge gpuMemoryTotal = gauge("berth.gpu.memory.total", BaseUnits.BYTES, "GPU memory in all");
  private final MultiGauge gpuPower = gauge("berth.gpu.power", "watts", "GPU power draw");
  private final MultiGauge gpuAvailable =
      gauge("berth.gpu.available", null, "1 when the GPU and its host pass the availability policy");
  private final MultiGauge nodeCpu = gauge("berth.node.cpu.usage", "percent", "Host CPU in use");
  private final MultiGauge nodeMemory = gauge("berth.node.memory.usage", "percent", "Host memory in use");
  private final MultiGauge nodeAvailable =
      gauge("berth.node.available", null, "1 when the node can take a GPU job now (/status available)");
  private final MultiGauge nodeGpus = gauge("berth.node.gpus", null, "GPUs the probe found");
  private final Timer sampleDuration;
  private final Counter samplesClean;
  private final Counter samplesWithErrors;
  private final AtomicLong lastSampleEpochMillis = new AtomicLong();

  MonitorMetrics() {
    sampleDuration = Timer.builder("berth.monitor.sample.duration")
        .description("Time one sample of the node took (probe and policy)").register(registry);
    samplesClean = Counter.builder("berth.monitor.samples").tag("result", "ok")
        .description("Samples taken, by whether the probe reported errors").register(registry);
    samplesWithErrors = Counter.builder("berth.monitor.samples").tag("result", "errors")
        .description("Samples taken, by whether the probe reported errors").register(registry);
    Gauge.builder("berth.monitor.last.sample.timestamp", lastSampleEpochMillis, v -> v.get() / 1000.0)
        .baseUnit("seconds").description("When the last sample was taken, Unix time").register(registry);
  }

  private MultiGauge gauge(String name, String unit, String description) {
    MultiGauge.Builder builder = MultiGauge.builder(name).description(description);
    if (unit != null) {
      builder.baseUnit(unit);
    }
    return builder.register(registry);
  }

  /** Replaces every series with the figures of this sample. */
  void record(NodeSample sample) {
    NodeStatus s = sample.status();
    sampleDuration.record(sample.took());
    (s.errors().isEmpty() ? samplesClean : samplesWithErrors).increment();
    lastSampleEpochMillis.set(s.takenAt() == null ? 0 : s.takenAt().toEpochMilli());

    Tags node = Tags.of("node", s.node());
    nodeCpu.register(rows(node, s.cpuUsage()), true);
    nodeMemory.register(rows(node, s.memoryUsage()), true);
    nodeAvailable.register(rows(node, s.available() ? 1.0 : 0.0), true);
    nodeGpus.register(rows(node, (double) s.gpus().size()), true);

    gpuUtilization.register(perGpu(s, g -> g.utilization() == null ? null : g.utilization().doubleValue()), true);
    gpuMemoryUsed.register(perGpu(s, g -> g.memoryUsed() == null ? null : g.memoryUsed() * MIB), true);
    gpuMemoryTotal.register(perGpu(s, g -> g.memoryTotal() == null ? null : g.memoryTotal() * MIB), true);
    gpuPower.register(perGpu(s, NodeStatus.GpuStatus::powerWatts), true);
    gpuAvailable.register(perGpu(s, g -> g.available() ? 1.0 : 0.0), true);
  }

  private static List<MultiGauge.Row<?>> rows(Tags tags, Double value) {
    return value == null ? List.of() : List.of(MultiGauge.Row.of(tags, value));
  }

  private static List<MultiGauge.Row<?>> perGpu(NodeStatus s, Function<NodeStatus.GpuStatus, Double> figure) {
    List<MultiGauge.Row<?>> out = new ArrayList<>();
    for (NodeStatus.GpuStatus g : s.gpus()) {
      Double value = figure.apply(g);
      if (value != null) {
        out.add(MultiGauge.Row.of(Tags.of(
            "node", s.node(),
            "gpu", Integer.toString(g.index()),
            "uuid", g.uuid() == null ? "" : g.uuid(),
            "model", g.name() == null ? "" : g.name()), value));
      }
    }
    return out;
  }

  /** The Prometheus text exposition. */
  String scrape() {
    return registry.scrape();
  }
}
