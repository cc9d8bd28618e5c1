package dev.berth.probe.dcgm;

import dev.berth.api.GpuResources;
import dev.berth.plugin.support.ThrottleReasons;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything one exporter said about one physical GPU: its device-level figures, and the figures of
 * each MIG instance when MIG is on. {@link #toGpu()} turns them into the one {@link GpuResources}
 * the scheduler places jobs on, as nvidia-smi shows a MIG parent.
 */
final class GpuSeries {
  private final int index;
  private String uuid;
  private String model;
  private final Figures device = new Figures();
  private final Map<String, Figures> instances = new TreeMap<>();
  private final Map<String, String> profiles = new LinkedHashMap<>();

  GpuSeries(int index) {
    this.index = index;
  }

  /** The figures of the device, or of one of its MIG instances. */
  private static final class Figures {
    Double utilization;
    Double used;
    Double free;
    Double reserved;
    Double power;
    Double temperature;
    Double memoryTemperature;
    Double smClock;
    Double throttleReasons;

    void put(String metric, Double value) {
      switch (metric) {
        case DcgmFields.GPU_TEMP -> temperature = value;
        case DcgmFields.MEMORY_TEMP -> memoryTemperature = value;
        case DcgmFields.SM_CLOCK -> smClock = value;
        case DcgmFields.CLOCK_THROTTLE_REASONS, DcgmFields.CLOCKS_EVENT_REASONS -> throttleReasons = value;
        case DcgmFields.GPU_UTIL -> utilization = value;
        case DcgmFields.FB_USED -> used = value;
        case DcgmFields.FB_FREE -> free = value;
        case DcgmFields.FB_RESERVED -> reserved = value;
        case DcgmFields.POWER_USAGE -> power = value;
        default -> { }
      }
    }
  }

  /** Adds one series of a field this probe reads. */
  void add(PrometheusSample sample) {
    if (uuid == null) {
      uuid = blankToNull(sample.label(DcgmFields.LABEL_UUID));
    }
    if (model == null) {
      model = blankToNull(sample.label(DcgmFields.LABEL_MODEL));
    }
    Double value = DcgmFields.usable(sample.value());
    String instance = blankToNull(sample.label(DcgmFields.LABEL_MIG_INSTANCE));
    if (instance == null) {
      device.put(sample.name(), value);
    } else {
      instances.computeIfAbsent(instance, k -> new Figures()).put(sample.name(), value);
      String profile = blankToNull(sample.label(DcgmFields.LABEL_MIG_PROFILE));
      if (profile != null) {
        profiles.putIfAbsent(instance, profile);
      }
    }
  }

  String uuid() {
    return uuid;
  }

  /**
   * The GPU as the scheduler sees it. Memory: used counts the driver's reserved memory, so that
   * free (total − used) is exactly what DCGM reports free; total = used + free + reserved. With
   * MIG and no device-level memory series, the instances' figures add up. Utilization: the
   * device's; none with MIG, as nvidia-smi reports none for a MIG parent.
   */
  GpuResources toGpu() {
    Long used = null;
    Long total = null;
    if (device.used != null && device.free != null) {
      double reserved = device.reserved == null ? 0 : device.reserved;
      used = Math.round(device.used + reserved);
      total = Math.round(device.used + device.free + reserved);
    } else if (!instances.isEmpty() && instances.values().stream().allMatch(f -> f.used != null && f.free != null)) {
      double u = 0;
      double t = 0;
      for (Figures f : instances.values()) {
        double reserved = f.reserved == null ? 0 : f.reserved;
        u += f.used + reserved;
        t += f.used + f.free + reserved;
      }
      used = Math.round(u);
      total = Math.round(t);
    } else if (device.used != null) {
      used = Math.round(device.used);
    }
    Double utilization = device.utilization != null && device.utilization <= 100 ? device.utilization : null;
    Double power = device.power;
    if (power == null) {
      power = instances.values().stream().map(f -> f.power).filter(p -> p != null).max(Double::compare).orElse(null);
    }
    Map<String, Double> metrics = new TreeMap<>();
    if (device.memoryTemperature != null) {
      metrics.put(GpuResources.MEMORY_TEMPERATURE_C, device.memoryTemperature);
    }
    if (device.smClock != null) {
      metrics.put(GpuResources.SM_CLOCK_MHZ, device.smClock);
    }
    List<String> throttle = device.throttleReasons == null
        ? List.of() : ThrottleReasons.names(device.throttleReasons.longValue());
    return new GpuResources(index, uuid, name(), used, total, utilization, power, device.temperature, throttle,
        metrics);
  }

  private String name() {
    if (instances.isEmpty()) {
      return model;
    }
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String instance : instances.keySet()) {
      counts.merge(profiles.getOrDefault(instance, "instance"), 1, Integer::sum);
    }
    List<String> parts = new ArrayList<>();
    counts.forEach((profile, n) -> parts.add(profile + " ×" + n));
    String mig = "MIG " + String.join(", ", parts);
    return model == null ? mig : model + " (" + mig + ")";
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
