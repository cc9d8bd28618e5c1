package dev.berth.probe.nvidia;

import java.util.ArrayList;
import java.util.List;

/** Reads host CPU and memory together, turning failures into errors rather than exceptions. */
final class HostMeter {

  private final CpuMeter cpu;
  private final MemoryMeter memory;

  HostMeter(CpuMeter cpu, MemoryMeter memory) {
    this.cpu = cpu;
    this.memory = memory;
  }

  /** Takes a CPU baseline without reporting; a failure here shows up in the next {@link #measure()}. */
  void baseline() {
    try {
      cpu.measure();
    } catch (ProbeFailure e) {
      // Reported by the reading that follows, which will meet the same failure.
    }
  }

  HostUsage measure() {
    List<String> errors = new ArrayList<>();
    Double cpuPercent = null;
    Double memoryPercent = null;
    try {
      cpuPercent = cpu.measure();
    } catch (ProbeFailure e) {
      errors.add("host CPU: " + e.getMessage());
    }
    try {
      memoryPercent = memory.measure();
    } catch (ProbeFailure e) {
      errors.add("host memory: " + e.getMessage());
    }
    return new HostUsage(cpuPercent, memoryPercent, errors);
  }
}
