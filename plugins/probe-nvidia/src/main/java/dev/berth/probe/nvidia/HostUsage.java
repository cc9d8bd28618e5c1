package dev.berth.probe.nvidia;

import java.util.List;

/** Host CPU and memory in use (0–100, null when unknown), and what could not be read. */
record HostUsage(Double cpuPercent, Double memoryPercent, List<String> errors) {
  HostUsage {
    errors = List.copyOf(errors);
  }
}
